/** The brand mark. A static SVG: next/image would only proxy it (and needs dangerouslyAllowSVG for SVG). */
export function Logo({ className }: { className: string }) {
  // biome-ignore lint/performance/noImgElement: a static SVG from /public, nothing for next/image to optimise
  return <img src="/favicon.svg" alt="" className={className} />;
}
