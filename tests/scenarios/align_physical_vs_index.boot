# Where an aligned block lands on a node that starts off alignment.
# 2.4.22: the scan steps from the alignment offset, so the *physical* address is
#   aligned: 0x104000 for a 16 KiB alignment on a node starting at 0x101000.
# 2.5.68 (79e626e1) to 2.6.12: find_next_zero_bit() then ALIGN(i, incr) (bootmem.c:189-190) aligns the
#   *index within the node*: index 4, physical 0x105000, not 16 KiB aligned.
arch x86_64

init_bootmem_node(0, 0x300, 0x101, 0x141)
free_bootmem_node(0, 0x101000, 0x40000)
__alloc_bootmem(0x1000, 0x4000, 0)
__alloc_bootmem(0x1000, 0x4000, 0)
# expect 2.4.22: line 10 = 0x104000
# expect 2.6.12..: line 10 = 0x105000
# 2.4.0 to 2.4.10: no alignment offset, so the scan steps from the node's start: 0x101000.
# expect 2.4.17..2.4.22: line 10 = 0x104000
# expect ..2.4.10: line 10 = 0x101000
# expect 2.5.1: line 10 = 0x101000
# expect 2.5.2..2.5.52: line 10 = 0x104000
# expect 2.5.68..2.5.75: line 10 = 0x105000
