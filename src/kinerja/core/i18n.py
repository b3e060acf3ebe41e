"""Translation functions for pure modules (rules), which import nothing from Django directly."""

from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

__all__ = ["gettext", "gettext_lazy", "ngettext", "pgettext"]
