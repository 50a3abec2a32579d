# One memset of a bit pattern over a whole bitmap: every other page reserved.
init_bootmem_node(0, 0x400, 0x0, 0x400000)
memset(0x400000, 0x55, 0x80000)
free_all_bootmem()
