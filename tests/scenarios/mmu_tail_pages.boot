# nommu_tail_pages with the default CONFIG_MMU=y. Since b5810039 (2.6.15) memmap
# starts every page with count 1 (mm/page_alloc.c:1716) and the whole-word path sets
# each tail to 0 (bootmem.c:310); set_page_refs() touches only the head. The tails thus
# end as 2.6.12-2.6.14 left them (count 0 from memmap), and no release reports a bad
# page: three clean order-5 blocks everywhere.
arch i386

init_bootmem(0x80, 0x80)
free_bootmem(0x0, 0x80000)
reserve_bootmem(0x0, 0x1000)
free_all_bootmem()                               # = 128

# expect all: line 11 = 128
