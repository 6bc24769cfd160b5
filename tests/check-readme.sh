# The README's tutorial runs as written (sourced by tests/run.sh): every
# ```console block, in order, in one scratch folder holding the samples, with
# the tools on PATH.  A line "$ CMD" is a command (a trailing backslash joins
# the next line); the lines after it, up to the next command or the block's
# end, are its output (standard output and error together), compared exactly.
tmp=$(mktemp -d)
ln -s "$top/samples" "$tmp/samples"
awk '
	/^```console$/ { inblock = 1; next }
	/^```$/ && inblock { inblock = 0; print "\001END"; next }
	inblock { print }
' "$top/README.md" >"$tmp/blocks"
n=0
bad=""
run_one() { # the command in $tmp/cmd, the expected output in $tmp/want
	n=$((n + 1))
	(cd "$tmp" && PATH="$bin:$PATH" LC_ALL=C sh ./cmd >got 2>&1)
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		bad="$bad #$n: $(head -c 80 "$tmp/cmd")"
		diff "$tmp/want" "$tmp/got" | head -10
	fi
}
: >"$tmp/cmd"
: >"$tmp/want"
have=0
cont=0
while IFS= read -r line; do
	if [ $cont = 1 ]; then
		printf '%s\n' "$line" >>"$tmp/cmd"
		case $line in *\\) ;; *) cont=0 ;; esac
		continue
	fi
	case $line in
	'$ '*)
		[ $have = 1 ] && run_one
		printf '%s\n' "${line#\$ }" >"$tmp/cmd"
		: >"$tmp/want"
		have=1
		case $line in *\\) cont=1 ;; esac
		;;
	"$(printf '\001')END")
		[ $have = 1 ] && run_one
		have=0
		;;
	*) printf '%s\n' "$line" >>"$tmp/want" ;;
	esac
done <"$tmp/blocks"
if [ $n -gt 5 ] && [ -z "$bad" ]; then pass; else fail "README tutorial: $n commands, differing:$bad"; fi
rm -rf "$tmp"
