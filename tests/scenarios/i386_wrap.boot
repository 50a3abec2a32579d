# An i386 node at the very top of the 32-bit physical space, pfns 0xfff00-0xfffff.
# unsigned long is 32 bits: reserve_bootmem_node(0xfffff000, 0x2000) computes
# addr + size = 0x1000, so `end` is 1 and passes the BUG_ON(end > node_low_pfn) test,
# while eidx becomes 0x101: the reserve sets bit 0x100, the first bit past the
# 32-byte bitmap, and the neighbouring long takes the hit. On x86_64 the same call
# BUGs (see x86_64_no_wrap). The allocation then returns the last page, 0xffffe000.
arch i386

init_bootmem_node(0, 0x100, 0xfff00, 0x100000)
free_bootmem_node(0, 0xfff00000, 0x100000)   # addr + size wraps to 0: end 0, eidx 0x100
reserve_bootmem_node(0, 0xfffff000, 0x2000)
__alloc_bootmem_node(0, 0x1000, 0x1000, 0xffffe000)

# expect all: line 12 = 0xffffe000
