package steps

// coldStyles empties st's cache of drawn blocks, for benchmarks of a
// frame drawn from nothing.
func coldStyles(st *Styles) { st.cache = &renderCache{} }
