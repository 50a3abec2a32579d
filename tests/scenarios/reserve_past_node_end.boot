# An i386 reserve that starts at the node's end and runs to the top of the 32-bit
# physical space (as a firmware hole reaching 4 GiB would). The node is pfns
# 0x100-0x1ff; addr + size is 2^32, which wraps to 0 in a 32-bit unsigned long, so
# `end` is 0 and passes the node's end check, while sidx is 0x100 and eidx 0xfff00.
# 2.4.0 and 2.4.4: the end check is the only one that could refuse (bootmem.c:87), so
#   the loop sets bits 0x100 to 0xffeff of the bitmap: 128 KiB of ones past its
#   32 bytes, in the node's own pages from 0x100020. The allocation then gets
#   0x101000 as if nothing had happened.
# 2.4.5 to 2.4.22: BUG() because the reserve starts at or past the node's end
#   (linux-history 2.4.4.6; line 93 in 2.4.5 to 2.4.18, 94 in 2.4.19, 95 in 2.4.22).
# 2.6.12 to 2.6.16: BUG_ON on the same test (line 93 in 2.6.12, 101 in 2.6.16).
arch i386

init_bootmem_node(0, 0x100, 0x100, 0x200)    # pfns 0x100-0x1ff, bitmap in the first page
free_bootmem_node(0, 0x101000, 0xff000)
reserve_bootmem_node(0, 0x200000, 0xffe00000)
alloc_bootmem_low_pages(0x1000)

# expect ..2.4.4: line 17 = 0x101000
# expect 2.4.5..2.4.10: bug mm/bootmem.c:93 at line 16
# expect 2.4.17: bug mm/bootmem.c:93 at line 16
# expect 2.4.19: bug mm/bootmem.c:94 at line 16
# expect 2.4.22: bug mm/bootmem.c:95 at line 16
# expect 2.6.12: bug mm/bootmem.c:93 at line 16
# expect 2.6.16: bug mm/bootmem.c:101 at line 16
# expect 2.4.5..: stop at line 16
