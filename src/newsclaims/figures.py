"""Figures for the notebooks: each function takes tables and returns a matplotlib Figure.

Notebooks stay thin (load, call, save); every plotting decision lives here, where it is reviewed and tested.
:func:`save` writes PNG and SVG with fixed metadata (no dates, fixed SVG hash salt), so the same tables give
byte-identical figure files on every run.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure

SVG_HASHSALT = "newsclaims"
STYLE = {
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
}
LANG_COLORS = {"de": "#1b9e77", "en": "#7570b3", "fr": "#d95f02"}
PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]


def style() -> None:
    """Apply the house style (also fixes the SVG hash salt that makes SVG ids deterministic)."""
    plt.rcParams.update(STYLE)


style()


def save(fig: Figure, name: str, out_dir: str | Path = "reports/figures") -> tuple[Path, Path]:
    """Write ``name.png`` and ``name.svg`` deterministically; returns both paths."""
    from newsclaims.api import resolve

    style()
    out = Path(out_dir)
    if not out.is_absolute() and not out.parent.exists():
        out = resolve(out.parent) / out.name
    out.mkdir(parents=True, exist_ok=True)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return png, svg


def _empty(ax: plt.Axes, msg: str) -> None:
    ax.text(0.5, 0.5, msg, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


# ------------------------------------------------------------------------------------------ 01-corpus


def articles_per_outlet(articles: pl.DataFrame) -> Figure:
    """Horizontal bars: articles per outlet, stacked by language."""
    counts = (
        articles.with_columns(pl.col("outlet").fill_null("(unknown)"))
        .group_by("outlet", "language")
        .len()
        .pivot(on="language", index="outlet", values="len")
        .fill_null(0)
    )
    langs = sorted(c for c in counts.columns if c != "outlet")
    counts = counts.with_columns(_n=pl.sum_horizontal(langs)).sort(["_n", "outlet"])
    fig, ax = plt.subplots(figsize=(7, 0.3 * counts.height + 1.2))
    left = [0] * counts.height
    for lang in langs:
        vals = counts[lang].to_list()
        ax.barh(
            counts["outlet"].to_list(), vals, left=left, label=lang, color=LANG_COLORS.get(lang, "#999999")
        )
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_xlabel("articles (count)")
    ax.set_ylabel("outlet")
    ax.set_title("Articles per outlet and language")
    ax.legend(title="language", loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def articles_per_day(articles: pl.DataFrame) -> Figure:
    """Bars: articles per publication day (UTC), stacked by language."""
    df = articles.filter(pl.col("published_at").is_not_null()).with_columns(
        day=pl.col("published_at").dt.date()
    )
    fig, ax = plt.subplots(figsize=(8, 3.2))
    if df.height == 0:
        _empty(ax, "no publication dates")
    else:
        days = df.group_by("day", "language").len().sort("day")
        bottom: dict = {}
        for lang in sorted(days["language"].unique().to_list()):
            sub = days.filter(pl.col("language") == lang)
            xs, ys = sub["day"].to_list(), sub["len"].to_list()
            ax.bar(
                xs,
                ys,
                bottom=[bottom.get(x, 0) for x in xs],
                width=0.8,
                label=lang,
                color=LANG_COLORS.get(lang, "#999999"),
            )
            for x, y in zip(xs, ys, strict=True):
                bottom[x] = bottom.get(x, 0) + y
        ax.legend(title="language", frameon=False)
        fig.autofmt_xdate()
    ax.set_xlabel("publication day (UTC)")
    ax.set_ylabel("articles (count)")
    ax.set_title("Articles per day")
    fig.tight_layout()
    return fig


def inputs_by_outcome(articles: pl.DataFrame, quarantine: pl.DataFrame) -> Figure:
    """Two panels: parsed articles by input format; quarantined inputs by reason."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8, 3))
    fm = articles.group_by("format").len().sort("format")
    a1.bar(fm["format"].to_list(), fm["len"].to_list(), color=PALETTE[2])
    a1.set_title("Parsed articles by input format")
    a1.set_xlabel("input format")
    a1.set_ylabel("articles (count)")
    q = quarantine.group_by("reason").len().sort(["len", "reason"])
    if q.height:
        a2.barh(q["reason"].to_list(), q["len"].to_list(), color=PALETTE[1])
    else:
        _empty(a2, "nothing quarantined")
    a2.set_title("Quarantined inputs by reason")
    a2.set_xlabel("inputs (count)")
    a2.set_ylabel("reason")
    fig.tight_layout()
    return fig


def syndication_groups(articles: pl.DataFrame) -> pl.DataFrame:
    """Table: each syndication group with its origin and members (outlet, published)."""
    return (
        articles.filter(pl.col("syndication_group").is_not_null())
        .sort("syndication_group", "published_at", "outlet")
        .select("syndication_group", "syndication_origin", "outlet", "published_at", "title")
    )


# -------------------------------------------------------------------------------- 02-claim-consistency


def values_over_time(
    view: pl.DataFrame,
    entity_class: str = "troops",
    min_reports: int = 2,
    max_panels: int = 8,
    sources: pl.DataFrame | None = None,
) -> Figure:
    """Small multiples, one per proposition: which outlet reported which value when, from which source.

    x = report time (UTC), y = outlet; each claim is a marker labelled with its value; filled markers agree
    with the modal value, open red markers deviate; the marker shape is the source the outlet named.
    """
    df = view.filter(
        (pl.col("claim_type") == "quantity")
        & (pl.col("entity_class") == entity_class)
        & pl.col("valued")
        & (pl.col("n_valued_reports") >= min_reports)
    )
    props = (
        df.group_by("proposition_id", "proposition")
        .agg(n=pl.col("unit").n_unique(), first=pl.col("report_time").min())
        .sort(["first", "proposition_id"])
        .head(max_panels)
    )
    n = max(props.height, 1)
    fig, axes = plt.subplots(n, 1, figsize=(9, 2.1 * n + 0.6), squeeze=False, sharex=True)
    if props.height == 0:
        _empty(axes[0][0], f"no {entity_class} proposition with {min_reports}+ reports")
        return fig
    names = (
        {}
        if sources is None
        else dict(zip(sources["source_id"].to_list(), sources["name"].to_list(), strict=True))
    )
    srcs = sorted(df["source_id"].fill_null("(outlet itself)").unique().to_list())
    markers = dict(zip(srcs, "osD^vP*Xhp<>" * 3, strict=False))
    for ax, (pid, label) in zip(
        axes[:, 0], props.select("proposition_id", "proposition").iter_rows(), strict=False
    ):
        sub = (
            df.filter(pl.col("proposition_id") == pid)
            .with_columns(src=pl.col("source_id").fill_null("(outlet itself)"))
            .sort("outlet", "report_time")
        )
        outlets = sorted(sub["outlet"].fill_null("?").unique().to_list())
        ypos = {o: i for i, o in enumerate(outlets)}
        for r in sub.iter_rows(named=True):
            y = ypos[r["outlet"] or "?"]
            ok = bool(r["agrees"])
            ax.scatter(
                [r["report_time"]],
                [y],
                marker=markers[r["src"]],
                s=46,
                facecolors=PALETTE[0] if ok else "none",
                edgecolors=PALETTE[0] if ok else "#d62728",
                linewidths=1.4,
                zorder=3,
            )
            label_v = f"{r['value']:,.0f}" + ("" if ok else " ✗")
            ax.annotate(
                label_v,
                (r["report_time"], y),
                xytext=(6, 3),
                textcoords="offset points",
                fontsize=7.5,
                color="black" if ok else "#d62728",
            )
        ax.set_yticks(range(len(outlets)), outlets)
        ax.set_ylim(-0.7, len(outlets) - 0.3)
        ax.set_title(label, loc="left")
        ax.set_ylabel("outlet")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes[-1][0].set_xlabel("report time (UTC; update time for updated articles)")
    handles = [
        plt.Line2D([], [], marker=markers[s], linestyle="", color="#444444", label=names.get(s, s))
        for s in srcs
    ]
    handles += [
        plt.Line2D([], [], marker="o", linestyle="", color=PALETTE[0], label="agrees with modal value"),
        plt.Line2D(
            [], [], marker="o", linestyle="", markerfacecolor="none", color="#d62728", label="deviates"
        ),
    ]
    fig.legend(
        handles=handles,
        title="source named (marker shape)",
        loc="upper center",
        ncol=min(4, len(handles)),
        frameon=False,
        bbox_to_anchor=(0.5, 0.0),
    )
    fig.suptitle(
        f"Reported counts of {entity_class} by outlet over time (value labels: persons)",
        y=1.0,
        fontweight="bold",
    )
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def agreement_bars(pm: pl.DataFrame, min_reports: int = 2) -> Figure:
    """Horizontal bars: share of independent reports agreeing with the modal value, per proposition."""
    df = pm.filter(pl.col("n_valued_reports") >= min_reports).sort(
        ["agreement_share", "label"], descending=[True, True]
    )
    fig, ax = plt.subplots(figsize=(8, 0.32 * max(df.height, 1) + 1.3))
    if df.height == 0:
        _empty(ax, "no proposition reported twice")
    else:
        colors = [PALETTE[0] if s >= 1 else "#d62728" for s in df["agreement_share"].to_list()]
        ax.barh(df["label"].to_list(), df["agreement_share"].to_list(), color=colors)
        for i, (s, n) in enumerate(
            zip(df["agreement_share"].to_list(), df["n_valued_reports"].to_list(), strict=True)
        ):
            ax.text(s + 0.01, i, f"{s:.0%} of {n}", va="center", fontsize=7.5)
        ax.set_xlim(0, 1.15)
    ax.set_xlabel("share of independent reports agreeing with the modal value (0-1)")
    ax.set_ylabel("proposition")
    ax.set_title("Agreement per proposition (syndicated copies count once)")
    fig.tight_layout()
    return fig


def agreement_table(pm: pl.DataFrame, min_reports: int = 2) -> pl.DataFrame:
    """The agreement table: propositions reported independently at least ``min_reports`` times."""
    return (
        pm.filter(pl.col("n_valued_reports") >= min_reports)
        .sort(["agreement_share", "n_reports"], descending=[False, True])
        .select(
            "label",
            "n_outlets",
            "n_reports",
            "values_seen",
            "modal_value_label",
            "agreement_share",
            "deviating_outlets",
            "relative_spread",
            "attribution_agreement",
            "hedged_share",
        )
    )


def asserted_vs_hedged(pm: pl.DataFrame) -> pl.DataFrame:
    """Propositions that some outlets state as fact while others hedge."""
    return pm.filter(
        (pl.col("asserted_outlets").list.len() > 0) & (pl.col("hedged_outlets").list.len() > 0)
    ).select("label", "values_seen", "asserted_outlets", "hedged_outlets", "hedged_share")


def multi_source_values(pv: pl.DataFrame, pm: pl.DataFrame) -> pl.DataFrame:
    """Values carried under more than one source (possible misattribution)."""
    return (
        pv.filter(pl.col("source_ids").list.len() > 1)
        .join(
            pm.select("proposition_id", "label", pl.col("source_id").alias("proposition_source")),
            on="proposition_id",
        )
        .select("label", "value_label", "proposition_source", "source_ids", "outlets")
    )


# ------------------------------------------------------------------------------------------ 03-sourcing


def source_types_by_outlet(view: pl.DataFrame, sources: pl.DataFrame) -> Figure:
    """Stacked horizontal bars: share of each outlet's claims by the type of source named."""
    df = view.join(sources.select("source_id", "source_type"), on="source_id", how="left").with_columns(
        stype=pl.col("source_type").fill_null("(unattributed)")
    )
    tab = df.group_by("outlet", "stype").len().pivot(on="stype", index="outlet", values="len").fill_null(0)
    types = sorted(c for c in tab.columns if c != "outlet")
    tab = tab.with_columns(_n=pl.sum_horizontal(types)).sort("outlet", descending=True)
    fig, ax = plt.subplots(figsize=(8, 0.3 * max(tab.height, 1) + 1.4))
    left = [0.0] * tab.height
    for i, t in enumerate(types):
        share = (tab[t] / tab["_n"]).to_list()
        ax.barh(
            tab["outlet"].to_list(),
            share,
            left=left,
            label=t,
            color="#bbbbbb" if t == "(unattributed)" else PALETTE[i % len(PALETTE)],
        )
        left = [a + b for a, b in zip(left, share, strict=True)]
    ax.set_xlabel("share of the outlet's claims (0-1)")
    ax.set_ylabel("outlet")
    ax.set_title("Who is cited: source types by outlet")
    ax.legend(title="source type", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    fig.tight_layout()
    return fig


def outlet_source_heatmap(view: pl.DataFrame, sources: pl.DataFrame, top: int = 15) -> Figure:
    """Heat map: claims per outlet (rows) and named source (columns), counts annotated."""
    names = dict(zip(sources["source_id"].to_list(), sources["name"].to_list(), strict=True))
    df = view.filter(pl.col("source_id").is_not_null())
    fig, ax = plt.subplots(figsize=(9, 0.35 * max(df["outlet"].n_unique(), 1) + 2.6))
    if df.height == 0:
        _empty(ax, "no attributed claims")
        return fig
    keep = df.group_by("source_id").len().sort(["len", "source_id"], descending=[True, False]).head(top)
    cols = keep["source_id"].to_list()
    rows = sorted(df["outlet"].drop_nulls().unique().to_list())
    counts = {(o, s): n for o, s, n in df.group_by("outlet", "source_id").len().iter_rows()}
    mat = [[counts.get((o, s), 0) for s in cols] for o in rows]
    im = ax.imshow(mat, cmap="Blues", aspect="auto")
    for i, row in enumerate(mat):
        for j, v in enumerate(row):
            if v:
                ax.text(
                    j,
                    i,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if v > max(map(max, mat)) / 2 else "black",
                )
    ax.set_xticks(range(len(cols)), [names.get(c, c) for c in cols], rotation=40, ha="right")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel("source named")
    ax.set_ylabel("outlet")
    ax.set_title("Claims by outlet and named source")
    fig.colorbar(im, ax=ax, label="claims (count)", shrink=0.8)
    fig.tight_layout()
    return fig


def outlet_shares(om: pl.DataFrame) -> Figure:
    """Two panels per outlet: share of claims unattributed, and wire dependence (share of articles)."""
    df = om.sort("outlet", descending=True)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 0.3 * max(df.height, 1) + 1.4), sharey=True)
    a1.barh(df["outlet"].to_list(), df["unattributed_share"].fill_null(0).to_list(), color=PALETTE[1])
    a1.set_xlim(0, 1)
    a1.set_xlabel("share of claims without a source (0-1)")
    a1.set_ylabel("outlet")
    a1.set_title("Unattributed claims")
    a2.barh(df["outlet"].to_list(), df["wire_dependence"].to_list(), color=PALETTE[2])
    a2.set_xlim(0, 1)
    a2.set_xlabel("share of articles crediting a wire or syndicated (0-1)")
    a2.set_title("Wire dependence")
    fig.tight_layout()
    return fig
