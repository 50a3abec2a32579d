# reserve_wholly_below_node on ia64 (16 KiB pages): node 1 spans pfns 0x100-0x1ff, from
# 0x400000, and the reserve is page 0. Both indexes wrap at 64 bits: sidx = 2^50 - 0x100,
# eidx = sidx + 1, and no release's checks catch it. ia64's bit operations take an
# `int` in every release (`(__u32 *)addr + (nr >> 5)`, 2.4.22 and 2.6.12
# include/asm-ia64/bitops.h), so the bit is -256: bit 0 of the byte 32 below node 1's
# bitmap (ia64 maps every physical address). Node 0's 16 KiB bitmap fills the page just
# below, so that byte is node 0's byte 0x3fe0, and bit 0 of it is node 0's pfn 0x20f00,
# which the boot had freed: every release reserves it again, and
# free_all_bootmem_node(0) hands over 255 of the 256 free pages (plus the bitmap's page).
arch ia64

init_bootmem_node(1, 0x800, 0x100, 0x200)      # bitmap at 0x2000000
init_bootmem_node(0, 0x7ff, 0x1000, 0x21000)   # bitmap at 0x1ffc000, 16 KiB
free_bootmem_node(0, 0x83c00000, 0x400000)     # node 0: pfns 0x20f00-0x20fff free
reserve_bootmem_node(1, 0x0, 0x4000)
free_all_bootmem_node(0)

# expect all: line 16 = 256
