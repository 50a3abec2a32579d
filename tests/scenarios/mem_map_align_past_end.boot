# Before 2.5.37, free_area_init_core() rounds the node's mem_map up to a whole struct
# page counted from PAGE_OFFSET (MAP_ALIGN, include/linux/mmzone.h): the map it answers
# begins up to sizeof(struct page) - 1 bytes past the block it allocated, so it runs
# that far past the pages bootmem reserved for it.
#
# A node of 72 pages: its map is 73 struct pages of 56 bytes, 4088 bytes, one page.
# The block lands at 0x20000, 0x20000 % 56 = 32, so MAP_ALIGN moves the map on by 24
# bytes to 0x20018: its last 16 bytes, 0x21000-0x2100f, lie in page 0x21, which stays
# free, and the next page allocation returns it. From 2.5.37 (e07316f9) the map is the
# block itself and ends inside page 0x20.
arch x86_64

init_bootmem_node(0, 0x10, 0x0, 0x48)
free_bootmem(0x20000, 0x28000)
alloc_node_mem_map(0)
alloc_bootmem_pages(0x1000)      # the page the 2.4 map runs into

# expect ..2.5.34: line 15 = 0x20018
# expect 2.5.37..: line 15 = 0x20000
# expect 2.4.0: line 16 = 0x21000
