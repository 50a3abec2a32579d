# free_all_bootmem() on an x86_64 node that starts at pfn 0.
# 2.4.22: every free page goes over on its own, order 0, in ascending order.
# 2.6.12: a long of the bitmap with all 64 pages free goes over as one order-6 block
#   (bootmem.c:278-292); a partly free long page by page. The count is the same.
arch x86_64

init_bootmem(0x1ff, 0x200)                   # 512 pages; the bitmap in the last one
free_bootmem(0x0, 0x200000)
reserve_bootmem(0x41000, 0x3000)             # pages 0x41-0x43: the second long is partly free
reserve_bootmem(0x1ff000, 0x1000)            # the bitmap page
reserve_bootmem(0x180000, 0x40000)           # pages 0x180-0x1bf: one whole long reserved
free_all_bootmem()

# expect 2.4.22..2.6.12: line 12 = 445
