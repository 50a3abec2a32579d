# "Low" allocations when the only free pages below 4 GiB are the last two under it.
# The first alloc_bootmem_low_pages() gets pfn 0xffffe, 0xffffe000, in every release.
# 2.4.0 to 2.6.15: the macro is __alloc_bootmem() with no limit; the second call gets
#   the last page below 4 GiB, 0xfffff000, and the third 0x100000000, above 4 GiB.
# 2.6.16 (008857c1): __alloc_bootmem_low() with LOW32LIMIT caps the scan at pfn
#   0xfffff (bootmem.c:172-174), so that free page is never offered: the second call
#   finds nothing on any node, prints "low bootmem alloc of 4096 bytes failed!" and
#   panics "Out of low memory" (bootmem.c:430-431).
arch x86_64

init_bootmem_node(0, 0x10, 0xfff00, 0x100100)
free_bootmem_node(0, 0xffffe000, 0x102000)   # pfns 0xffffe, 0xfffff and all above 4 GiB
alloc_bootmem_low_pages(0x1000)
alloc_bootmem_low_pages(0x1000)
alloc_bootmem_low_pages(0x1000)

# expect all: line 13 = 0xffffe000
# expect ..2.6.15: line 14 = 0xfffff000
# expect ..2.6.15: line 15 = 0x100000000
# expect 2.6.16: printk "low bootmem alloc of 4096 bytes failed!" at line 14
# expect 2.6.16: panic "Out of low memory" at line 14
