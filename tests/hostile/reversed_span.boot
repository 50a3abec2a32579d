# An end pfn below the start pfn.
init_bootmem_node(0, 0x10, 0x200, 0x100)
