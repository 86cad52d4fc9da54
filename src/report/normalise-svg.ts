/**
 * Server-side echarts SVG made deterministic and static, so report.html has the same bytes on every run.
 */

/**
 * Makes echarts' SVG deterministic and static: drops the hover-only <style> block, class and ecmeta_*
 * attributes, and renames the per-instance ids (`zr3-c0`, which count up per process) to `<prefix>-c<n>`
 * numbered in order of appearance.
 */
export function normaliseSvg(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/zr\d+-c\d+/g, (id) => {
      let renamed = ids.get(id);
      if (renamed === undefined) {
        renamed = `${prefix}-c${ids.size}`;
        ids.set(id, renamed);
      }
      return renamed;
    })
    .replace(/\n{2,}/g, '\n')
    .trim();
}
