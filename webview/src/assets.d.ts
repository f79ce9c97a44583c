// What esbuild's loaders (esbuild.config.mjs, webview build) turn these imports into.
declare module '*.css' {
  const text: string;
  export default text;
}

declare module '*.ttf' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
