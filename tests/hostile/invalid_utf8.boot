arch i386
# a comment with a byte that is not UTF-8: ÿ
init_bootmem(0x10, 0x100)
