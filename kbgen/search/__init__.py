"""Search: the tokenizer and the sharded index that the browser downloads.

The browser's twin of the tokenizer ships as `render/templates/assets/kbgen-search.js`;
the two must tokenize alike (tests hold them together).

May import: `kbgen.content`. Never render, checks or adopt.
"""
