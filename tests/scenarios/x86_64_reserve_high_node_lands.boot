# x86_64_reserve_high_node with RAM below 4 GiB: node 0 spans the first 4 GiB and its
# 128 KiB bitmap ends where node 1's begins (pfns 0xfffe0-0xfffff). The reserve's
# bit number, sidx = 2^52 - 2^20, is the int -2^20 on 2.6 (x86_64 `btsl`): the byte
# 128 KiB below node 1's bitmap is byte 0 of node 0's, and bit 0 of it is node 0's
# page 0. So every 2.6 release reserves node 0's page 0, which the boot had freed,
# and free_all_bootmem_node(0) hands over 255 of the 256 free pages (plus the bitmap's
# 32 pages). 2.4 takes a `long` (`btsq`): the byte lies
# 2^49 - 2^17 past node 1's bitmap, beyond the top of RAM, and the boot oopses.
arch x86_64

init_bootmem_node(0, 0xfffe0, 0x0, 0x100000)        # bitmap at 0xfffe0000, 128 KiB
init_bootmem_node(1, 0x100000, 0x100000, 0x140000)  # bitmap at 4 GiB, 32 KiB
free_bootmem_node(0, 0x0, 0x100000)                 # node 0: pfns 0-0xff free
reserve_bootmem_node(1, 0x0, 0x1000)
free_all_bootmem_node(0)

# expect ..2.4.22: oops at line 14
# expect 2.6.12..: line 15 = 287
