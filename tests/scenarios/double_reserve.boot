# A page reserved twice.
# 2.4.22 to 2.5.75: always prints "hm, page 00005000 reserved twice." (bootmem.c:100).
# 2.6.12: prints it only with CONFIG_DEBUG_BOOTMEM=y (bootmem.c:98-100); here it is
#   off, so 2.6.12 is silent. See double_reserve_debug.
arch x86_64

init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
reserve_bootmem(0x4000, 0x2000)
reserve_bootmem(0x5000, 0x2000)
# expect 2.4.22: printk "hm, page 00005000 reserved twice." at line 10
# expect all: completes
# expect 2.5.68..2.5.75: printk "hm, page 00005000 reserved twice." at line 10
# expect 2.4.22..2.6.0: printk "hm, page 00005000 reserved twice." at line 10
