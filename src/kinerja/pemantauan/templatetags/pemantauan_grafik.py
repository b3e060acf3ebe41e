"""The rater analytics' small comparison chart as inline SVG, built in Python: the page shows one
per appraiser (50 a page), too many for a template loop of bars each."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kinerja.pemantauan.rules.analitik import GrafikBanding

register = template.Library()

COLOURS = {"penilai": "#2563eb", "unit": "#93c5fd", "instansi": "#9ca3af"}


@register.simple_tag
def grafik_banding(grafik: GrafikBanding, label: str) -> SafeString:
    """Per predikat the share given by the appraiser, the unit subtree and the agency (the
    figures are in the table row beside it)."""
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" data-seri="{}">'
        "<title>{}</title></rect>",
        (
            (bar.x, bar.y, grafik.lebar_batang, bar.tinggi, COLOURS[bar.seri], bar.seri, bar.judul)
            for bar in grafik.batang
        ),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="8">{}</text>',
        ((x, grafik.tinggi - 2, text) for x, text in grafik.label),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lebar} {tinggi}" width="{lebar}" '
        'height="{tinggi}" role="img" aria-label="{label}" class="grafik" data-grafik="penilai">'
        '<title>{label}</title><line x1="0" y1="{dasar}" x2="{lebar}" y2="{dasar}" '
        'stroke="#6b7280" stroke-width="1"/>{bars}{labels}</svg>',
        lebar=grafik.lebar,
        tinggi=grafik.tinggi,
        dasar=grafik.dasar,
        label=label,
        bars=bars,
        labels=labels,
    )
