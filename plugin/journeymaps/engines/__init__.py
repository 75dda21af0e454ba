"""Other engines than the MkDocs plugin: the standalone project (a configuration and a docs
folder with every generated page in it, safe on its own) and builds of it with Zensical or
ProperDocs run as commands. Imports no MkDocs: a Zensical user needs none."""
