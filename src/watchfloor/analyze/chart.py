"""The trends chart: counts per bin for each group, reporting volume in its own panel beneath
(coverage is not violence), surges shaded from their change point to their end, and each
change point's uncertainty drawn as a band."""

from __future__ import annotations

from datetime import date, timedelta

from .series import Series
from .surges import Surge

MAX_LINES = 8


def plot_trends(path: str, groups: list[Series], measure: str, articles: list[int], surges: list[Surge],
                *, title: str) -> None:
    """Write a PNG to ``path``; text from the store goes in as labels, never as markup."""
    import matplotlib

    matplotlib.use("Agg")  # no display here; and never a GUI backend for a file
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 6.5), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 1]}, layout="constrained")
    colours = {}
    for s in groups[:MAX_LINES]:
        label = " / ".join(str(k) for k in s.key if k) or "all events"
        line, = top.plot(s.starts, s.values(measure), linewidth=1.0, label=_plain(label))
        colours[s.key[-1] if s.key else None] = line.get_color()
    last = groups[0].starts[-1] + timedelta(days=6) if groups and groups[0].starts else date.today()
    for i, surge in enumerate(surges):
        # a surge takes the colour of its region's line (grey when the region is not drawn)
        colour = colours.get(surge.key[-1], colours.get(None, "tab:gray"))
        top.axvspan(surge.start, surge.end or last, color=colour, alpha=0.12, label="surge" if i == 0 else None)
        top.axvspan(surge.start_low, surge.start_high + timedelta(days=6), color=colour, alpha=0.3,
                    label="change point (95% band)" if i == 0 else None)
        top.axvline(surge.start, color=colour, linewidth=0.8, linestyle="--")
    top.set_ylabel(measure)
    top.set_title(_plain(title))
    if groups or surges:
        top.legend(loc="upper left", fontsize=8)
    if groups and groups[0].starts and any(articles):
        bottom.bar(groups[0].starts, articles, width=5, color="tab:gray")
    else:
        bottom.set_yticks([])
        bottom.text(0.5, 0.5, "no articles stored for these dates (imported events only)",
                    transform=bottom.transAxes, ha="center", va="center", color="tab:gray")
    bottom.set_ylabel("articles")
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _plain(text: str) -> str:
    """Matplotlib reads $...$ as math; a place or actor name is never math."""
    return text.replace("$", r"\$")
