# The map-reduce plan as Slurm jobs (scale/slurm.sh) on a private one-node
# cluster started here (sourced by tests/run.sh): munged, slurmctld and slurmd
# with their key, socket, ports, state and logs in a scratch folder, stopped by
# their own pids whatever happens.  The merged table is byte for byte the
# single-process one, for a plain export in date order and a gzip one; a map
# task that fails makes --wait fail.  Runs as root, once, with the first build;
# skipped, with a note, where slurm-wlm or munge is missing or will not start.

slurm_port_free() { # PORT: no socket of this host uses it
	! grep -q "$(printf ':%04X ' "$1")" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

slurm_conf() { # DIR: DIR/slurm.conf, a cluster of this host alone on ports of its own
	_port=$((40000 + $$ % 10000 * 2))
	while ! slurm_port_free $_port || ! slurm_port_free $((_port + 1)); do _port=$((_port + 2)); done
	_node=$(slurmd -C | head -n 1) # this host as slurmd sees it: name, CPUs, RealMemory
	_name=${_node#NodeName=}
	_name=${_name%% *}
	# batch_sched_delay=0: a job starts within a second of the one it waits for
	# (else up to 3 s later); MinJobAge under 5 s: sbatch --wait looks every 2 s
	# (else after 2, 8, then every 32 s).
	cat >"$1/slurm.conf" <<EOF
ClusterName=cmcheck
SlurmctldHost=$_name(127.0.0.1)
SlurmctldPort=$_port
SlurmdPort=$((_port + 1))
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$1/munge.socket
StateSaveLocation=$1/state
SlurmdSpoolDir=$1/spool
SlurmctldPidFile=$1/slurmctld.pid
SlurmdPidFile=$1/slurmd.pid
SlurmctldLogFile=$1/slurmctld.log
SlurmdLogFile=$1/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
SchedulerParameters=batch_sched_delay=0
MinJobAge=4
$_node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=cm Nodes=$_name Default=YES MaxTime=INFINITE State=UP
EOF
}

# The daemons run in the foreground of sessions of their own (setsid execs them,
# $! is theirs): a ^C reaches the test, which cancels the jobs and then stops
# them; slurmd stopped under a running job would leave its slurmstepd behind.
slurm_start() { # DIR: munged, slurmctld and slurmd up and the node idle; else a note why not
	(umask 077 && dd if=/dev/urandom of="$1/munge.key" bs=1024 count=1 2>/dev/null)
	setsid munged -F -f --socket="$1/munge.socket" --key-file="$1/munge.key" --pid-file="$1/munged.pid" \
		--seed-file="$1/munged.seed" --log-file="$1/munged.log" >"$1/munged.out" 2>&1 &
	pids="$!"
	slurm_conf "$1"
	export SLURM_CONF="$1/slurm.conf"
	_n=0
	while [ ! -S "$1/munge.socket" ] && [ $_n -lt 20 ]; do sleep 0.25; _n=$((_n + 1)); done
	setsid slurmctld -D -f "$SLURM_CONF" >"$1/slurmctld.out" 2>&1 &
	ctld=$!
	pids="$! $pids"
	setsid slurmd -D -f "$SLURM_CONF" >"$1/slurmd.out" 2>&1 &
	pids="$! $pids"
	_n=0
	while [ "$(sinfo -h -N -o %t 2>/dev/null)" != idle ]; do
		_n=$((_n + 1))
		_up=1
		for _p in $pids; do kill -0 "$_p" 2>/dev/null || _up=0; done
		[ $_up = 1 ] && [ $_n -lt 60 ] && sleep 0.25 && continue
		_why=$(cat "$1"/*.out "$1"/*.log 2>/dev/null | grep -i 'fatal\|error' | grep -v 'pmix\|MPI\|state file\|state save' | tail -n 1)
		echo "slurm: the private cluster did not start (${_why:-node not idle}), check skipped"
		return 1
	done
}

slurm_plan() { # ARGS: scale/slurm.sh --wait, at most 2 minutes; in the background, so
	# that a signal reaches the trap at once (timeout has a process group of its own)
	CM_BIN="$bin" timeout 120 sh "$top/scale/slurm.sh" --wait "$@" &
	plan=$!
	wait $plan
	set -- $?
	plan=""
	return $1
}

slurm_run() { # the plan on the cluster, against the single process
	_t="$tmp/data"
	mkdir -p "$_t"
	# a generated export with its rows in date order, as an ERP writes them
	"$bin/cm-gen" --customers 3000 --seed 5 2>/dev/null >"$_t/gen.csv"
	{ head -n 1 "$_t/gen.csv"; tail -n +2 "$_t/gen.csv" | LC_ALL=C sort -t, -k3,3 -s; } >"$_t/export.csv"
	gzip -c "$top/samples/orders-en.csv" >"$_t/orders.csv.gz"
	for _case in "export.csv 3 400k" "orders.csv.gz 2 160k"; do
		set -- $_case
		gzip -dcf "$_t/$1" | "$bin/cm-import" -q --as-of 2024-06-28 | "$bin/cm-clv" -q >"$_t/single.csv"
		if slurm_plan -b $2 -B $3 --as-of 2024-06-28 "$_t/$1" "$_t/out-$1" 2>"$_t/err" &&
			[ -s "$_t/single.csv" ] && cmp -s "$_t/single.csv" "$_t/out-$1/customers.csv" &&
			[ "$(ls "$_t/out-$1/map" | wc -l)" -gt $2 ] && [ ! -e "$_t/out-$1/blocks" ]; then echo ok
		else echo "FAIL: slurm: the plan on $1 differs from the single process: $(tail -n 1 "$_t/err")"; fi
	done
	# one bad date in the middle of the export: that map task fails, the jobs
	# after it are cancelled, --wait says so
	awk -F, -v OFS=, 'NR == 7000 { $3 = "2024-13-45" } { print }' "$_t/export.csv" >"$_t/bad.csv"
	if ! slurm_plan -b 2 -B 400k --as-of 2024-06-28 "$_t/bad.csv" "$_t/out-bad" 2>"$_t/err" &&
		grep -q 'a job failed.*cm-map' "$_t/err" && [ ! -e "$_t/out-bad/customers.csv" ] &&
		[ -z "$(squeue -h)" ]; then echo ok
	else echo "FAIL: slurm: a failed map task does not make --wait fail: $(tail -n 1 "$_t/err")"; fi
}

if [ "$bin" != "$top/${BUILDS%% *}" ]; then
	: # once, with the first build: the cluster's start and the jobs' waits dwarf the tools' own time
elif ! command -v slurmd >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1; then
	echo "slurm: slurm-wlm or munge not installed, check skipped (make check installs it as root)"
elif [ "$(id -u)" != 0 ]; then
	echo "slurm: not root, the private cluster cannot start: check skipped (make check as root runs it)"
else
	tmp=$(mktemp -d)
	# The cluster lives in a subshell whose EXIT trap stops it; what the
	# subshell finds comes back as lines: "ok", "FAIL: why", or a note.
	(
		pids=""
		ctld=""
		plan=""
		stop() {
			[ -z "$plan" ] || kill "$plan" 2>/dev/null
			if [ -n "$ctld" ] && kill -0 "$ctld" 2>/dev/null; then
				timeout 10 scancel --quiet --user=root 2>/dev/null
				_n=0
				while [ -n "$(timeout 5 squeue -h 2>/dev/null)" ] && [ $_n -lt 40 ]; do
					sleep 0.25
					_n=$((_n + 1))
				done
			fi
			for _p in $pids; do kill "$_p" 2>/dev/null; done
			for _p in $pids; do wait "$_p" 2>/dev/null; done
		}
		trap stop EXIT
		trap 'stop; trap - EXIT; rm -rf "$tmp"; exit 1' INT TERM # the suite stops too
		mkdir -p "$tmp/cluster/state" "$tmp/cluster/spool"
		slurm_start "$tmp/cluster" && slurm_run
	) >"$tmp/report" 2>"$tmp/stderr"
	while IFS= read -r _line; do
		case $_line in
		ok) pass ;;
		"FAIL: "*) fail "${_line#FAIL: }" ;;
		*) echo "$_line" ;;
		esac
	done <"$tmp/report"
	[ -s "$tmp/report" ] || fail "slurm: the check stopped early: $(tail -n 3 "$tmp/stderr")"
	rm -rf "$tmp"
fi
