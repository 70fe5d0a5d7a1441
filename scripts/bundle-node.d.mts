export declare const BUNDLED_DEPS: string[]
export declare function bundleNode(root: string, entry: string, outfile: string): Promise<string>
