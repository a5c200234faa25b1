"""Consistency metrics: do outlets report the same numbers, from the same sources, with the same caution?

Pure functions over the published tables (claims with proposition ids, propositions, articles, sources).
Every definition is written out with its formula in docs/metrics.md; the names here follow it.

The evidence unit is the *report*: an article's syndication group when it has one, else its outlet. Shares
are taken over reports, not over claims or articles, so that wire copy republished by five outlets counts
once and an outlet that repeats a number in three articles does not outvote three outlets. Within a report,
each of its claims in a proposition carries weight 1 / (its claims in that proposition).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from newsclaims.align import report_units, source_groups

QUALIFIERS_APPROX = ("approx",)


@dataclass(frozen=True)
class Params:
    """Agreement tolerances (params.yaml ``analyze:``; calibration noted there)."""

    approx_tolerance: float = 0.05
    exact_tolerance: float = 0.0


@dataclass(frozen=True)
class Result:
    proposition_metrics: pl.DataFrame
    proposition_values: pl.DataFrame
    outlet_metrics: pl.DataFrame
    source_metrics: pl.DataFrame
    values_by_outlet: pl.DataFrame
    summary: dict[str, Any]


# ------------------------------------------------------------------------------------------ claim view


def _interval(v: pl.Expr, q: pl.Expr, vh: pl.Expr, p: Params) -> tuple[pl.Expr, pl.Expr]:
    """The values a claim is compatible with: its number widened by the tolerance its qualifier allows."""
    t, e = p.approx_tolerance, p.exact_tolerance
    lo = (
        pl.when(q == "approx")
        .then(v * (1 - t))
        .when(q.is_in(["at_least", "more_than", "range"]))
        .then(v)
        .when(q.is_in(["at_most", "less_than"]))
        .then(v * (1 - t))
        .otherwise(v * (1 - e))
    )
    hi = (
        pl.when(q == "approx")
        .then(v * (1 + t))
        .when(q.is_in(["at_least", "more_than"]))
        .then(v * (1 + t))
        .when(q == "range")
        .then(pl.coalesce(vh, v))
        .when(q.is_in(["at_most", "less_than"]))
        .then(v)
        .otherwise(v * (1 + e))
    )
    return lo, hi


def claim_view(
    claims: pl.DataFrame,
    articles: pl.DataFrame,
    sources: pl.DataFrame,
    propositions: pl.DataFrame,
    params: Params | None = None,
) -> pl.DataFrame:
    """One row per claim with everything the metrics need: report unit and time, weights, the value
    compared (``v``: the number; for time claims the month index year*12+month), the proposition's modal
    value, whether the claim agrees with it, and how the claim carried its source's statement.

    Public because the notebooks plot from it (who reported which value when, from which source).
    """
    p = params or Params()
    groups = source_groups(sources)
    prop_src = propositions.select(
        "proposition_id",
        pl.col("source_id").alias("prop_source_id"),
        pl.col("label").alias("proposition"),
        "entity_class",
        "predicate",
        "time_frame",
    ).join(
        groups.rename({"source_id": "prop_source_id", "source_group": "prop_source_group"}),
        on="prop_source_id",
        how="left",
    )
    df = (
        claims.join(report_units(articles).drop("language"), on="article_id", how="left")
        .join(groups, on="source_id", how="left")
        .join(prop_src, on="proposition_id", how="left")
    )
    month = pl.col("claim_date").dt.year().cast(pl.Float64) * 12 + pl.col("claim_date").dt.month()
    df = df.with_columns(
        v=pl.when(pl.col("claim_type") == "time").then(month).otherwise(pl.col("value")),
    )
    lo, hi = _interval(pl.col("v"), pl.col("qualifier"), pl.col("value_high"), p)
    df = df.with_columns(
        lo=pl.when(pl.col("claim_type") == "time").then(pl.col("v")).otherwise(lo),
        hi=pl.when(pl.col("claim_type") == "time").then(pl.col("v")).otherwise(hi),
        valued=pl.col("v").is_not_null(),
    )
    n_unit = pl.len().over("proposition_id", "unit")
    n_unit_val = pl.col("valued").sum().over("proposition_id", "unit")
    df = df.with_columns(
        w=1.0 / n_unit,
        w_val=pl.when(pl.col("valued")).then(1.0 / n_unit_val).otherwise(0.0),
    )
    # modal value and its qualifier: the most weight (ties: more claims, then the smaller value)
    modal = (
        df.filter("valued")
        .group_by("proposition_id", "v")
        .agg(wsum=pl.col("w_val").sum(), n=pl.len())
        .sort(["proposition_id", "wsum", "n", "v"], descending=[False, True, True, False])
        .unique(subset=["proposition_id"], keep="first", maintain_order=True)
        .select("proposition_id", modal_v="v")
    )
    df = df.join(modal, on="proposition_id", how="left")
    mq = (
        df.filter(pl.col("v") == pl.col("modal_v"))
        .group_by("proposition_id", "qualifier", "value_high")
        .agg(wsum=pl.col("w_val").sum())
        .sort(["proposition_id", "wsum", "qualifier"], descending=[False, True, False])
        .unique(subset=["proposition_id"], keep="first", maintain_order=True)
        .select("proposition_id", modal_qualifier="qualifier", _mvh="value_high")
    )
    df = df.join(mq, on="proposition_id", how="left")
    mlo, mhi = _interval(pl.col("modal_v"), pl.col("modal_qualifier"), pl.col("_mvh"), p)
    is_time = pl.col("claim_type") == "time"
    df = df.with_columns(
        _mlo=pl.when(is_time).then(pl.col("modal_v")).otherwise(mlo),
        _mhi=pl.when(is_time).then(pl.col("modal_v")).otherwise(mhi),
    )
    # agree: the modal value lies in the claim's interval, or the claim's value in the modal's interval
    agrees = pl.col("modal_v").is_between(pl.col("lo"), pl.col("hi")) | pl.col("v").is_between(
        pl.col("_mlo"), pl.col("_mhi")
    )
    df = df.with_columns(agrees=pl.when(pl.col("valued")).then(agrees).otherwise(None))
    n_val_units = pl.col("unit").filter(pl.col("valued")).n_unique().over("proposition_id")
    df = df.with_columns(n_valued_reports=n_val_units)
    df = df.with_columns(
        comparable=pl.col("valued") & (pl.col("n_valued_reports") >= 2),
        misattributed=pl.col("source_group").is_not_null()
        & pl.col("prop_source_group").is_not_null()
        & (pl.col("source_group") != pl.col("prop_source_group")),
        carried=pl.when(~pl.col("valued"))
        .then(pl.lit("vague"))
        .when(~pl.col("agrees"))
        .then(pl.lit("changed"))
        .when((pl.col("v") == pl.col("modal_v")) & (pl.col("qualifier") == pl.col("modal_qualifier")))
        .then(pl.lit("kept"))
        .otherwise(pl.lit("rounded")),
    )
    df = df.with_columns(deviates=pl.col("comparable") & ~pl.col("agrees").fill_null(True))
    return df.drop("_mlo", "_mhi", "_mvh").sort("proposition_id", "report_time", "claim_id")


def _fmt_value(v: pl.Expr, claim_type: pl.Expr) -> pl.Expr:
    """Readable value label: "1500" for counts, "2024-11" for time claims (month index)."""
    year = ((v - 1) / 12).floor().cast(pl.Int64)
    mon = (v - year * 12).cast(pl.Int64)
    return (
        pl.when(claim_type == "time")
        .then(pl.format("{}-{}", year, mon.cast(pl.String).str.zfill(2)))
        .otherwise(
            pl.when(v == v.round(0))
            .then(v.round(0).cast(pl.Int64).cast(pl.String))
            .otherwise(v.round(2).cast(pl.String))
        )
    )


# --------------------------------------------------------------------------------------------- metrics


def proposition_metrics(view: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per proposition (and per proposition and value): agreement, spread, attribution, hedging, timing."""
    df = view.with_columns(value_label=_fmt_value(pl.col("v"), pl.col("claim_type")))
    vals = (
        df.filter("valued")
        .group_by("proposition_id", "v", "value_label")
        .agg(
            pl.col("claim_type").first(),
            n_claims=pl.len(),
            weight=pl.col("w_val").sum(),
            n_reports=pl.col("unit").n_unique(),
            agrees=pl.col("agrees").first(),
            outlets=pl.col("outlet").drop_nulls().unique().sort(),
            source_ids=pl.col("source_id").drop_nulls().unique().sort(),
            qualifiers=pl.col("qualifier").unique().sort(),
            first_report_at=pl.col("report_time").min(),
        )
        .sort(["proposition_id", "weight", "v"], descending=[False, True, False])
    )
    seen = vals.group_by("proposition_id", maintain_order=True).agg(
        values_seen=pl.format("{} ×{}", pl.col("value_label"), pl.col("n_claims")),
        n_values=pl.len(),
        _vmax=pl.col("v").max(),
        _vmin=pl.col("v").min(),
    )
    # modal source: most weight among attributed claims (by source group), reported as a source id
    msrc = (
        df.filter(pl.col("source_group").is_not_null())
        .group_by("proposition_id", "source_group")
        .agg(wsum=pl.col("w").sum())
        .sort(["proposition_id", "wsum", "source_group"], descending=[False, True, False])
        .unique(subset=["proposition_id"], keep="first", maintain_order=True)
        .select("proposition_id", modal_source_group="source_group")
    )
    df = df.join(msrc, on="proposition_id", how="left")
    base = df.group_by("proposition_id").agg(
        pl.col("proposition").first().alias("label"),
        pl.col("claim_type").first(),
        pl.col("entity_class").first(),
        pl.col("predicate").first(),
        pl.col("prop_source_id").first().alias("source_id"),
        pl.col("time_frame").first(),
        n_claims=pl.len(),
        n_articles=pl.col("article_id").n_unique(),
        n_outlets=pl.col("outlet").drop_nulls().n_unique(),
        n_reports=pl.col("unit").n_unique(),
        n_valued_reports=pl.col("n_valued_reports").first(),
        modal_value=pl.col("modal_v").first(),
        modal_qualifier=pl.col("modal_qualifier").first(),
        _agree_w=(pl.col("w_val") * pl.col("agrees").cast(pl.Float64)).sum(),
        n_deviating_claims=pl.col("deviates").sum(),
        deviating_outlets=pl.col("outlet").filter(pl.col("deviates")).drop_nulls().unique().sort(),
        _attr_w=(
            pl.col("w") * (pl.col("source_group") == pl.col("modal_source_group")).fill_null(False)
        ).sum(),
        _has_attr=pl.col("source_group").is_not_null().any(),
        modal_source_group=pl.col("modal_source_group").first(),
        _hedged_w=(pl.col("w") * pl.col("hedged").cast(pl.Float64)).sum(),
        _asserted_w=(pl.col("w") * (pl.col("epistemic") == "asserted").cast(pl.Float64)).sum(),
        hedged_outlets=pl.col("outlet").filter(pl.col("hedged")).drop_nulls().unique().sort(),
        asserted_outlets=pl.col("outlet")
        .filter(pl.col("epistemic") == "asserted")
        .drop_nulls()
        .unique()
        .sort(),
        sources_seen=pl.col("source_id").drop_nulls().unique().sort(),
        first_report_at=pl.col("report_time").min(),
        last_report_at=pl.col("report_time").max(),
    )
    out = base.join(seen, on="proposition_id", how="left").with_columns(
        agreement_share=pl.when(pl.col("n_valued_reports") > 0).then(
            pl.col("_agree_w") / pl.col("n_valued_reports")
        ),
        relative_spread=pl.when((pl.col("claim_type") == "quantity") & (pl.col("modal_value") > 0)).then(
            (pl.col("_vmax") - pl.col("_vmin")) / pl.col("modal_value")
        ),
        attribution_agreement=pl.when(pl.col("_has_attr")).then(pl.col("_attr_w") / pl.col("n_reports")),
        hedged_share=pl.col("_hedged_w") / pl.col("n_reports"),
        asserted_share=pl.col("_asserted_w") / pl.col("n_reports"),
        values_seen=pl.col("values_seen").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        n_values=pl.col("n_values").fill_null(0),
    )
    out = out.with_columns(
        fully_agreeing=pl.when(pl.col("n_valued_reports") >= 2).then(pl.col("n_deviating_claims") == 0),
        modal_value_label=_fmt_value(pl.col("modal_value"), pl.col("claim_type")),
        **{
            c: pl.col(c).round(4)
            for c in (
                "agreement_share",
                "relative_spread",
                "attribution_agreement",
                "hedged_share",
                "asserted_share",
            )
        },
    )
    out = out.with_columns(
        modal_value=pl.when(pl.col("claim_type") == "quantity").then(pl.col("modal_value"))
    )
    vals = vals.with_columns(pl.col("weight").round(4))
    return out.sort("proposition_id"), vals.sort("proposition_id", "v")


def _agency_domains() -> dict[str, str]:
    """Wire agency id -> its own domain (lexicon/agencies.csv), so an agency's own copy is not 'wire'."""
    from newsclaims.paths import lexicon_dir

    path = lexicon_dir() / "agencies.csv"
    if not path.is_file():
        return {}
    df = pl.read_csv(path, columns=["id", "domain"], infer_schema=False).drop_nulls()
    return dict(df.iter_rows())


def outlet_metrics(view: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Per outlet: deviation from consensus, unattributed and hedged shares, wire dependence, delay."""
    own = _agency_domains()
    # an agency crediting itself on its own site is not wire dependence
    credits = articles.select("article_id", "outlet", "wire_credits").explode(
        "wire_credits", empty_as_null=True
    )
    foreign = (
        credits.filter(pl.col("wire_credits").is_not_null())
        .with_columns(_dom=pl.col("wire_credits").replace_strict(own, default=None))
        .filter(pl.col("_dom").is_null() | (pl.col("_dom") != pl.col("outlet")))
        .select("article_id")
        .unique()
        .with_columns(_foreign=pl.lit(True))
    )
    arts = articles.join(foreign, on="article_id", how="left").with_columns(
        wire=pl.col("_foreign").fill_null(False)
        | (pl.col("syndication_group").is_not_null() & ~pl.col("syndication_origin"))
    )
    a = arts.group_by("outlet").agg(
        n_articles=pl.len(),
        wire_dependence=pl.col("wire").mean(),
        languages=pl.col("language").unique().sort(),
    )
    c = view.group_by("outlet").agg(
        n_claims=pl.len(),
        n_propositions=pl.col("proposition_id").n_unique(),
        n_comparable_claims=pl.col("comparable").sum(),
        n_deviating_claims=pl.col("deviates").sum(),
        unattributed_share=pl.col("source_id").is_null().mean(),
        hedged_share=pl.col("hedged").mean(),
    )
    # delay: the outlet's first report of a proposition minus the proposition's first report, over
    # propositions with at least two independent reports
    first = view.with_columns(
        _prop_first=pl.col("report_time").min().over("proposition_id"),
        _n_rep=pl.col("unit").n_unique().over("proposition_id"),
    ).filter(pl.col("_n_rep") >= 2)
    d = (
        first.group_by("outlet", "proposition_id")
        .agg(_delay=(pl.col("report_time").min() - pl.col("_prop_first").first()).dt.total_seconds() / 3600.0)
        .group_by("outlet")
        .agg(median_delay_hours=pl.col("_delay").median())
    )
    out = (
        a.join(c, on="outlet", how="left")
        .join(d, on="outlet", how="left")
        .with_columns(
            pl.col("n_claims").fill_null(0),
            pl.col("n_propositions").fill_null(0),
            pl.col("n_comparable_claims").fill_null(0),
            pl.col("n_deviating_claims").fill_null(0),
        )
        .with_columns(
            deviation_share=pl.when(pl.col("n_comparable_claims") > 0).then(
                pl.col("n_deviating_claims") / pl.col("n_comparable_claims")
            )
        )
    )
    out = out.with_columns(
        pl.col(c).round(4)
        for c in (
            "deviation_share",
            "unattributed_share",
            "hedged_share",
            "wire_dependence",
            "median_delay_hours",
        )
    )
    return out.filter(pl.col("outlet").is_not_null()).sort("outlet")


def source_metrics(view: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Per source: the propositions it stands behind and how outlets carried them."""
    stands = view.filter(pl.col("prop_source_id").is_not_null())
    behind = stands.group_by(pl.col("prop_source_id").alias("source_id")).agg(
        n_propositions=pl.col("proposition_id").n_unique(),
        proposition_ids=pl.col("proposition_id").unique().sort(),
        n_carried_claims=pl.len(),
        n_outlets=pl.col("outlet").drop_nulls().n_unique(),
        n_kept=(pl.col("carried") == "kept").sum(),
        n_rounded=(pl.col("carried") == "rounded").sum(),
        n_changed=(pl.col("carried") == "changed").sum(),
        n_vague=(pl.col("carried") == "vague").sum(),
        n_misattributed=pl.col("misattributed").sum(),
        n_unattributed=pl.col("source_id").is_null().sum(),
    )
    named = (
        view.filter(pl.col("source_id").is_not_null())
        .group_by("source_id")
        .agg(
            n_attributed_claims=pl.len(),
            n_naming_outlets=pl.col("outlet").drop_nulls().n_unique(),
        )
    )
    out = (
        sources.select("source_id", "name", "source_type", "parent_source_id")
        .join(behind, on="source_id", how="left")
        .join(named, on="source_id", how="left")
        .filter(pl.col("n_propositions").is_not_null() | pl.col("n_attributed_claims").is_not_null())
    )
    counts = [
        "n_propositions",
        "n_carried_claims",
        "n_outlets",
        "n_kept",
        "n_rounded",
        "n_changed",
        "n_vague",
        "n_misattributed",
        "n_unattributed",
        "n_attributed_claims",
        "n_naming_outlets",
    ]
    out = out.with_columns(
        *(pl.col(c).fill_null(0) for c in counts),
        pl.col("proposition_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))),
    ).with_columns(
        kept_share=pl.when(pl.col("n_carried_claims") > 0).then(
            (pl.col("n_kept") / pl.col("n_carried_claims")).round(4)
        ),
        misattributed_share=pl.when(pl.col("n_carried_claims") > 0).then(
            (pl.col("n_misattributed") / pl.col("n_carried_claims")).round(4)
        ),
    )
    return out.sort("source_id")


def values_by_outlet(view: pl.DataFrame) -> pl.DataFrame:
    """Plot data (``dvc plots``): each quantity claim of a proposition with 2+ reports, by outlet and day."""
    return (
        view.filter(
            (pl.col("claim_type") == "quantity") & pl.col("valued") & (pl.col("n_valued_reports") >= 2)
        )
        .select(
            "proposition",
            "outlet",
            date=pl.col("report_time").dt.strftime("%Y-%m-%d"),
            value="value",
            qualifier="qualifier",
            source=pl.col("source_id").fill_null("(outlet)"),
            agrees=pl.col("agrees"),
        )
        .sort("proposition", "date", "outlet", "value")
    )


def analyze(
    claims: pl.DataFrame,
    articles: pl.DataFrame,
    sources: pl.DataFrame,
    propositions: pl.DataFrame,
    params: Params | None = None,
) -> Result:
    """All metric tables and the summary figures for ``dvc metrics show``."""
    view = claim_view(claims, articles, sources, propositions, params)
    props, vals = proposition_metrics(view)
    outlets = outlet_metrics(view, articles)
    srcs = source_metrics(view, sources)
    plot = values_by_outlet(view)
    multi = props.filter(pl.col("n_valued_reports") >= 2)
    comparable = view.filter("comparable")

    def r(x: Any) -> float | None:
        return None if x is None else round(float(x), 4)

    summary = {
        "claims": view.height,
        "propositions": props.height,
        "propositions_compared": multi.height,
        "propositions_fully_agreeing": int(multi["fully_agreeing"].sum() or 0),
        "propositions_with_deviation": int((~multi["fully_agreeing"]).sum() or 0),
        "mean_agreement_share": r(multi["agreement_share"].mean()),
        "mean_attribution_agreement": r(multi["attribution_agreement"].mean()),
        "deviating_claims": int(view["deviates"].sum() or 0),
        "deviation_share": r(comparable["deviates"].mean()) if comparable.height else None,
        "misattributed_claims": int(view["misattributed"].sum() or 0),
        "hedged_share": r(view["hedged"].mean()) if view.height else None,
        "unattributed_share": r(view["source_id"].is_null().mean()) if view.height else None,
        "independent_reports": int(view["unit"].n_unique()),
        "articles": articles.height,
        "syndication_groups": int(articles["syndication_group"].drop_nulls().n_unique()),
        "outlets": int(articles["outlet"].drop_nulls().n_unique()),
    }
    return Result(props, vals, outlets, srcs, plot, summary)
