# alloc_bootmem_limit() came with 2.6.14 and went with 2.6.16: on releases without it
# the run stops there, saying so.
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
alloc_bootmem(0x100)
alloc_bootmem_limit(0x100, 0x80000)
alloc_bootmem(0x100)

# expect ..2.6.13, 2.6.16..: unavailable alloc_bootmem_limit at line 6
# expect 2.6.14..2.6.15: completes
