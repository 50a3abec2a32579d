# double_reserve with CONFIG_DEBUG_BOOTMEM=y: from 2.6.4 on it prints the line too, for each
# page reserved twice, with the page's offset in the node as %08lx.
arch x86_64
config CONFIG_DEBUG_BOOTMEM=y

init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
reserve_bootmem(0x4000, 0x2000)
reserve_bootmem(0x5000, 0x3000)

# expect 2.6.0..2.6.12: printk "hm, page 00005000 reserved twice." at line 9
# expect all: completes
# expect 2.5.68..2.5.75: printk "hm, page 00005000 reserved twice." at line 9
