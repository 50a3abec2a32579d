# The _limit calls came with 281dd25c in 2.6.14 (and left with 008857c1 in 2.6.16).
# On 2.6.13 and older the first one stops the run as unavailable, and the note names
# 2.6.14 and 281dd25c (on 2.6.16 too, where it also names 008857c1). 2.6.14 and 2.6.15
# run it; with limit 0 it is what their __alloc_bootmem_node() does
# (bootmem.h:131-135): 0x100000, then the plain call takes the next page, 0x101000.
arch x86_64

init_bootmem(0x400, 0x400)
free_bootmem(0x0, 0x400000)
reserve_bootmem(0x0, 0x1000)
__alloc_bootmem_node_limit(0, 0x1000, 0x1000, 0x100000, 0)
__alloc_bootmem_node(0, 0x1000, 0x1000, 0x100000)

# expect ..2.6.13, 2.6.16..: unavailable __alloc_bootmem_node_limit at line 11
# expect 2.6.14..2.6.15: line 11 = 0x100000
# expect 2.6.14..2.6.15: line 12 = 0x101000
