"""The words of the generated pages in the site's language: a ``Labels`` per language
(``locales/<lang>.yml``), plural forms and the order names sort in."""
