/** Set on page requests by proxy.ts: the path being rendered, so an area layout can send it to /login as `next`. */
export const PATH_HEADER = "x-tlg-path";
