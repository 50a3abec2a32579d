init_bootmem(0x10, 0x100)
alloc_bootmem​(64)
