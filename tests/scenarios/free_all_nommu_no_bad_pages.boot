# free_all_bootmem() with CONFIG_MMU=n on a node starting at pfn 0, whose first two
# words of bitmap are wholly free, so each goes over as one order-6 block.
# 2.6.15: set_page_refs() gives every page of a block a count of 1, bootmem.c:310 puts
#   the tails back to 0, and the !CONFIG_MMU loop of __free_pages_ok() takes each tail
#   to -1 (page_alloc.c:404-408): all 63 tails of both blocks are reported as bad
#   pages, and the blocks are freed all the same.
# 2.6.16 (a226f6c8): __free_pages_bootmem() clears PG_reserved and zeroes the count of
#   every page of the block and passes it on with no check (page_alloc.c:446-474): no
#   bad page.
# 2.6.12 to 2.6.14: no report either (the tails go from 1 to 0). 2.4.0 and 2.4.22 hand
#   over single pages.
arch x86_64
config CONFIG_MMU=n

init_bootmem(0xff, 0x100)                    # 1 MiB; bitmap in its last page, 0xff
free_bootmem(0x0, 0x81000)                   # pages 0-0x80
free_all_bootmem()

# expect all: line 17 = 130
