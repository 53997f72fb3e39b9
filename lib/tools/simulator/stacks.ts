// IP stacks and links as a passive sensor sees them: DHCP option-55 order, DHCP vendor class
// (option 60), initial TTL, p0f-style TCP SYN signature and JA4. Devices on the same firmware
// share a stack; that is why these values are fingerprint material.
import { ja4, type IpStack, type Link } from "./catalog-types";

export const STACKS = {
  windows10: {
    dhcpFingerprint: "1,3,6,15,31,33,43,44,46,47,119,121,249,252",
    dhcpVendorClass: "MSFT 5.0",
    ttl: 128,
    tcpSignature: "4:128+0:0:1460:65535,8:mss,nop,ws,nop,nop,sok:df,id+:0",
    ja4: ja4("13", "d", 16, 13, "h2", "windows10-schannel"),
  },
  windows7: {
    dhcpFingerprint: "1,15,3,6,44,46,47,31,33,121,249,43,252",
    dhcpVendorClass: "MSFT 5.0",
    ttl: 128,
    tcpSignature: "4:128+0:0:1460:8192,8:mss,nop,ws,nop,nop,sok:df,id+:0",
    ja4: ja4("12", "d", 19, 10, "00", "windows7-schannel"),
  },
  windowsServer: {
    dhcpFingerprint: "1,3,6,15,31,33,43,44,46,47,119,121,249,252",
    dhcpVendorClass: "MSFT 5.0",
    ttl: 128,
    tcpSignature: "4:128+0:0:1460:65535,8:mss,nop,ws,nop,nop,sok:df,id+:0",
    ja4: ja4("13", "d", 16, 12, "h2", "windows-server-2019"),
  },
  /** Embedded Linux with BusyBox udhcpc: many monitors, ventilators and lab analyzers. */
  embeddedLinux: {
    dhcpFingerprint: "1,3,6,12,15,28,42",
    dhcpVendorClass: "udhcp 1.24.2",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:mss*10,4:mss,sok,ts,nop,ws:df,id+:0",
    ja4: ja4("12", "i", 9, 8, "00", "embedded-linux-openssl-1.0.2"),
  },
  /** VxWorks-class RTOS: small fixed window, MSS only. */
  vxworks: {
    dhcpFingerprint: "1,3,6,15",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:8192,0:mss:df,id+:0",
    ja4: ja4("12", "i", 6, 5, "00", "vxworks-wolfssl"),
  },
  /** Philips IntelliVue's own stack (no DHCP vendor class, TTL 255). */
  intellivue: {
    dhcpFingerprint: "1,3,6,15,44,46,47",
    ttl: 255,
    tcpSignature: "4:255+0:0:1460:16384,0:mss:df,id+:0",
  },
  /** Windows Embedded Compact (CE): ventilator and anaesthesia GUIs. */
  windowsCe: {
    dhcpFingerprint: "1,15,3,6,44,46,47",
    dhcpVendorClass: "MSFT 5.0",
    ttl: 128,
    tcpSignature: "4:128+0:0:1460:32768,0:mss,nop,nop,sok:df,id+:0",
    ja4: ja4("12", "i", 12, 7, "00", "windows-ce-7"),
  },
  /** ThreadX-class Wi-Fi module stacks in infusion pumps. */
  pumpWifi: {
    dhcpFingerprint: "1,3,6,15,28,33",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:5840,0:mss,nop,nop,sok:df,id+:0",
    ja4: ja4("12", "i", 8, 6, "00", "pump-wifi-module"),
  },
  linuxServer: {
    dhcpFingerprint: "1,28,2,3,15,6,119,12,44,47,26,121,42",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0",
    ja4: ja4("13", "d", 15, 16, "h2", "linux-server-openssl-3"),
  },
  hpJetdirect: {
    dhcpFingerprint: "1,3,6,15,44,47,12,81,252",
    dhcpVendorClass: "Hewlett-Packard JetDirect",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:5840,0:mss,nop,nop,sok,nop,ws:df,id+:0",
    ja4: ja4("12", "d", 11, 9, "00", "hp-futuresmart"),
  },
  zebraLinkOs: {
    dhcpFingerprint: "1,3,6,12,15,28,42,44",
    dhcpVendorClass: "Zebra Technologies",
    ttl: 64,
    tcpSignature: "4:64+0:0:1460:4096,0:mss:df,id+:0",
  },
  ciscoIosXe: {
    dhcpFingerprint: "1,6,15,44,3,7,33,150,43",
    dhcpVendorClass: "ciscopnp",
    ttl: 255,
    tcpSignature: "4:255+0:0:536:4128,0:mss:df,id+:0",
    ja4: ja4("12", "i", 14, 8, "00", "cisco-iosxe"),
  },
  ciscoAp: {
    dhcpFingerprint: "1,3,6,15,43,60",
    dhcpVendorClass: "Cisco AP c9120",
    ttl: 255,
    tcpSignature: "4:255+0:0:1460:14600,7:mss,sok,ts,nop,ws:df,id+:0",
    ja4: ja4("12", "i", 14, 9, "00", "cisco-ap"),
  },
} satisfies Record<string, IpStack>;

export const LINKS = {
  gigabit: { linkSpeedMbps: 1000, duplex: "full", autoNegotiation: true },
  fast: { linkSpeedMbps: 100, duplex: "full", autoNegotiation: true },
  /** Older devices pinned to 100/full by biomed, a common hospital practice. */
  fastForced: { linkSpeedMbps: 100, duplex: "full", autoNegotiation: false },
  poeAp: { linkSpeedMbps: 1000, duplex: "full", autoNegotiation: true, poeClass: 4 },
} satisfies Record<string, Link>;
