/**
 * The probe that SSH discovery runs on a remote machine: POSIX `sh` read from stdin (`ssh … sh -s`),
 * Linux or macOS, no python or jq needed there. It prints ONE JSON document on one line whose values
 * are raw text sections (every one a JSON string, escaped here with tr, sed and awk), for
 * `normaliseProbeDocument` to read:
 *
 * `{"v":1,"uname":"Linux 6.1.0 x86_64","nproc":"16","ncpuOnline":"16","meminfo":"…","cgroups":[{"cpuMax":"…"}],
 *   "df":"…","osRelease":"…","cpuModel":"…","route":"…","net":"eth0 up","drm":"card0 0x1002 … …",
 *   "nvidiaSmi":"…","rocmSmi":"…","macNcpu":"…","macMemsize":"…","macDisplays":"…","macRoute":"…",
 *   "tools":{"git":"git version 2.39.5\n@rc=0"}}`
 *
 * A section whose source is missing is left out. Every command is bounded: by `timeout` where the
 * remote has one, otherwise by a watchdog that kills it. Nothing in the script reads stdin, which
 * holds the script itself.
 */
export const PROBE_SCRIPT = String.raw`
LC_ALL=C
export LC_ALL
TAB=$(printf '\t')
HAVE_TIMEOUT=0
PROBE_TMP=''
SEP=''
ASEP=''

# bounded SECONDS COMMAND...: the command, killed after SECONDS. Without timeout(1) a watchdog kills
# it, and its output goes through files: a child it left behind must not hold our pipe open.
bounded() {
  _secs=$1
  shift
  if [ "$HAVE_TIMEOUT" = 1 ]; then
    timeout -s KILL "$_secs" "$@"
    return
  fi
  if [ -z "$PROBE_TMP" ]; then
    "$@"
    return
  fi
  "$@" >"$PROBE_TMP/out" 2>"$PROBE_TMP/err" &
  _pid=$!
  (sleep "$_secs"; kill -9 "$_pid") >/dev/null 2>&1 &
  _dog=$!
  wait "$_pid"
  _rc=$?
  kill "$_dog" >/dev/null 2>&1
  cat "$PROBE_TMP/out"
  cat "$PROBE_TMP/err" >&2
  rm -f "$PROBE_TMP/out" "$PROBE_TMP/err"
  return "$_rc"
}

has() {
  command -v "$1" >/dev/null 2>&1
}

# stdin as a JSON string: control characters dropped (tab kept), \ and " escaped, lines joined by \n.
quoted() {
  printf '"'
  tr -d '\000-\010\013-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$TAB/\\\\t/g" |
    awk 'NR > 1 { printf "%s", "\\n" } { printf "%s", $0 }'
  printf '"'
}

key() {
  printf '%s"%s":' "$SEP" "$1"
  SEP=,
}

# field KEY SECONDS COMMAND...: the command's stdout (first 400 lines).
field() {
  key "$1"
  _fsecs=$2
  shift 2
  bounded "$_fsecs" "$@" 2>/dev/null | head -n 400 | quoted
}

# file_field KEY PATH: a file's first 400 lines, when it is readable.
file_field() {
  if [ -r "$2" ]; then field "$1" 5 cat "$2"; fi
}

# One cgroup directory: {"cpuMax":"...",...} from the FILE KEY pairs that exist there.
cg_level() {
  _dir=$1
  shift
  _open=0
  while [ $# -ge 2 ]; do
    if [ -r "$_dir/$1" ]; then
      if [ "$_open" = 0 ]; then
        printf '%s{' "$ASEP"
        ASEP=,
        SEP=''
        _open=1
      fi
      file_field "$2" "$_dir/$1"
    fi
    shift 2
  done
  if [ "$_open" = 1 ]; then printf '}'; fi
}

# cg_walk MOUNT PATH FILE KEY...: a limit set on any ancestor of this process's cgroup applies.
cg_walk() {
  _mount=$1
  _rel=$2
  shift 2
  case $_rel in /*) ;; *) _rel=/ ;; esac
  _n=0
  while [ "$_n" -lt 64 ]; do
    cg_level "$_mount$_rel" "$@"
    [ "$_rel" = / ] && break
    _rel=$(dirname "$_rel")
    _n=$((_n + 1))
  done
}

# The path of this process's cgroup for a v1 controller, from /proc/self/cgroup.
cg_v1_path() {
  printf '%s\n' "$CG_SELF" | sed -n "s/^[0-9]*:\\([^:]*,\\)\\{0,1\\}$1\\(,[^:]*\\)\\{0,1\\}:\\(.*\\)$/\\3/p" | head -n 1
}

cgroups() {
  key cgroups
  printf '['
  ASEP=''
  CG_SELF=$(bounded 5 cat /proc/self/cgroup 2>/dev/null | head -n 100)
  _v2=$(printf '%s\n' "$CG_SELF" | sed -n 's/^0::\(.*\)$/\1/p' | head -n 1)
  for _m in /sys/fs/cgroup /sys/fs/cgroup/unified; do
    if [ -r "$_m/cgroup.controllers" ]; then
      cg_walk "$_m" "$_v2" cpu.max cpuMax memory.max memoryMax
      break
    fi
  done
  _cpu=$(cg_v1_path cpu)
  if [ -n "$_cpu" ]; then
    for _m in /sys/fs/cgroup/cpu /sys/fs/cgroup/cpu,cpuacct /sys/fs/cgroup/cpuacct,cpu; do
      if [ -r "$_m/cpu.cfs_quota_us" ]; then
        cg_walk "$_m" "$_cpu" cpu.cfs_quota_us cfsQuotaUs cpu.cfs_period_us cfsPeriodUs
        break
      fi
    done
  fi
  _mem=$(cg_v1_path memory)
  if [ -n "$_mem" ] && [ -r /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
    cg_walk /sys/fs/cgroup/memory "$_mem" memory.limit_in_bytes memoryLimitInBytes
  fi
  printf ']'
  SEP=,
}

readf() {
  bounded 5 cat "$1" 2>/dev/null | head -n 1
}

# Interfaces and their state: "eth0 up".
net_linux() {
  for _i in /sys/class/net/*; do
    [ -r "$_i/operstate" ] || continue
    printf '%s %s\n' "$(basename "$_i")" "$(readf "$_i/operstate")"
  done
}

# Graphics cards: "card0 VENDOR_ID VRAM_BYTES|- PRODUCT NAME".
drm_cards() {
  for _c in /sys/class/drm/card[0-9]*; do
    case $_c in *-*) continue ;; esac
    [ -r "$_c/device/vendor" ] || continue
    _vram=$(readf "$_c/device/mem_info_vram_total")
    [ -n "$_vram" ] || _vram=-
    printf '%s %s %s %s\n' "$(basename "$_c")" "$(readf "$_c/device/vendor")" "$_vram" "$(readf "$_c/device/product_name")"
  done
}

# Client-only version calls: none contacts a daemon or a cluster.
tool_version() {
  case $1 in
    kubectl) bounded "$TOOL_SECS" "$2" version --client ;;
    java) bounded "$TOOL_SECS" "$2" -version ;;
    go) bounded "$TOOL_SECS" "$2" version ;;
    python | python3) bounded "$TOOL_SECS" "$2" -V ;;
    *) bounded "$TOOL_SECS" "$2" --version ;;
  esac
}

tool_versions() {
  key tools
  printf '{'
  SEP=''
  for _name in "$@"; do
    case $_name in '' | -* | *[!A-Za-z0-9._+-]*) continue ;; esac
    _path=$(command -v "$_name" 2>/dev/null)
    case $_path in /*) ;; *) continue ;; esac
    key "$_name"
    { tool_version "$_name" "$_path" 2>&1; printf '\n@rc=%s\n' "$?"; } |
      sed -n -e '/^@rc=/p' -e '/^@rc=/d' -e '1,5p' | quoted
  done
  printf '}'
  SEP=,
}

main() {
  if has timeout && timeout -s KILL 5 true >/dev/null 2>&1; then
    HAVE_TIMEOUT=1
  else
    umask 077
    PROBE_TMP=$(mktemp -d 2>/dev/null) || PROBE_TMP=''
    [ -d "$PROBE_TMP" ] || PROBE_TMP=''
  fi
  OS=$(bounded 5 uname -s 2>/dev/null)
  printf '{"v":1'
  SEP=,
  field uname 5 uname -srm
  if has nproc; then field nproc 5 nproc; fi
  field ncpuOnline 5 getconf _NPROCESSORS_ONLN
  field df 10 df -Pk .
  if [ -r /etc/os-release ]; then file_field osRelease /etc/os-release; else file_field osRelease /usr/lib/os-release; fi
  if [ "$OS" = Linux ]; then
    file_field meminfo /proc/meminfo
    if [ -r /proc/cpuinfo ]; then
      key cpuModel
      bounded 5 sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1 | quoted
    fi
    cgroups
    file_field route /proc/net/route
    key net
    net_linux | quoted
    key drm
    drm_cards | quoted
  fi
  if has nvidia-smi; then
    field nvidiaSmi 20 nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits
  fi
  if has rocm-smi; then field rocmSmi 20 rocm-smi --showproductname --showmeminfo vram --json; fi
  if [ "$OS" = Darwin ]; then
    field macNcpu 5 sysctl -n hw.ncpu
    field macMemsize 5 sysctl -n hw.memsize
    field macCpuBrand 5 sysctl -n machdep.cpu.brand_string
    field macDisplays 20 system_profiler SPDisplaysDataType -json
    field macRoute 5 route -n get default
  fi
  tool_versions "$@"
  printf '}\n'
  if [ -n "$PROBE_TMP" ]; then rm -rf "$PROBE_TMP"; fi
}

main "$@" </dev/null
exit 0
`;

const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

/**
 * What the remote `sh -s` reads on stdin: the tool names to look for as its arguments, the bound on
 * each version call, then the probe. A name that is not a plain tool name throws; names are
 * single-quoted anyway.
 */
export function probeInput(toolNames: readonly string[], toolTimeoutS = 5): string {
  for (const name of toolNames) if (!TOOL_NAME.test(name)) throw new Error(`not a tool name: ${JSON.stringify(name)}`);
  const secs = Math.max(1, Math.ceil(toolTimeoutS));
  return `set -- ${toolNames.map((n) => `'${n}'`).join(' ')}\nTOOL_SECS=${secs}\n${PROBE_SCRIPT}`;
}
