# The same wrap on i386, at 2^32.
arch i386
init_bootmem_node(0, 0, 0xfffff000, 0xffffffff)
free_all_bootmem()
