# An i386 node above 4 GiB (pfns 0x100020-0x10011f, a PAE machine). unsigned long is 32
# bits, so init_bootmem_core()'s node_boot_start = startpfn << PAGE_SHIFT wraps to
# 0x20000, and every address bootmem is given keeps its low 32 bits as well: bootmem
# sees the node at 128 KiB, but node_low_pfn stays 0x100120, so free_all_bootmem_core()
# walks 0x100120 - 0x20 bits, 128 KiB past the 32-byte bitmap, where memory reads zero,
# and hands over some 1 Mi pages. Where the walk starts is the question:
# 2.4.0 to 2.5.75: at pgdat->node_mem_map, the struct page of the node's first frame as
#   the architecture set the node up, pfn 0x100020: pages 0x100020 to 0x20011f, but the
#   five reserved ones, then the bitmap's 33 pages from pfn 0x30.
# 2.6.0 on: at virt_to_page(phys_to_virt(node_boot_start)) (767aa962, 2.6.0-test3;
#   pfn_to_page() of the same pfn from 2.6.13), pfn 0x20: pages 0x20 to 0x10011f, which
#   lie 4 GiB lower and take in the bitmap's pages, handed over a second time after.
# The count is the same everywhere; only the hand-off moves.
arch i386

init_bootmem_node(0, 0x100030, 0x100020, 0x100120)
free_bootmem_node(0, 0x100020000, 0x100000)   # the node's 1 MiB; bootmem sees 0x20000
reserve_bootmem_node(0, 0x100030000, 0x1000)  # the bitmap's page
reserve_bootmem_node(0, 0x100040000, 0x4000)  # four pages the kernel keeps
free_all_bootmem_node(0)

# expect all: line 20 = 1048860
