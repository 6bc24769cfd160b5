# Usage: Rscript bench/clvtools.R FILE [REPEAT]
#
# Peer benchmark: time R's CLVTools Pareto/NBD fit (pnbd() with default
# settings) on a CDNOW-style transaction file (whitespace separated: customer
# id, date YYYYMMDD, quantity, amount; a header line is optional).  Weekly
# time unit, calibration period up to 1997-09-30 (39 weeks, as in Fader,
# Hardie & Lee 2005).  Only the pnbd() call is timed; the best of REPEAT
# (default 5) fits counts.  Prints one line:
#   clvtools pnbd: 1.34 s (best of 5), cpu 1.40 s, LL -95415.1186, r ..., alpha ..., s ..., beta ...
# Exits 0 with "CLVTools not installed: skipped" when CLVTools cannot load.

Sys.setenv(TZ = "UTC")  # keeps R from asking timedatectl (noise on stderr)
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) {
	cat("usage: Rscript bench/clvtools.R FILE [REPEAT]\n", file = stderr())
	quit(status = 2)
}
file <- args[1]
reps <- if (length(args) >= 2) as.integer(args[2]) else 5L

ok <- suppressWarnings(suppressPackageStartupMessages(
	requireNamespace("CLVTools", quietly = TRUE) &&
	requireNamespace("data.table", quietly = TRUE)))
if (!ok) {
	cat("CLVTools not installed: skipped\n")
	quit(status = 0)
}
suppressPackageStartupMessages(library(CLVTools))

# Skip a header line if the second field of the first line is not a date.
first <- strsplit(trimws(readLines(file, n = 1)), "[[:space:]]+")[[1]]
has.header <- length(first) < 2 || !grepl("^[0-9]{8}$", first[2])
tx <- read.table(file, header = FALSE, skip = if (has.header) 1L else 0L,
	colClasses = c("character", "character", "numeric", "numeric"),
	col.names = c("Id", "Date", "Quantity", "Price"))
tx$Date <- as.Date(tx$Date, format = "%Y%m%d")
tx <- data.table::as.data.table(tx[, c("Id", "Date", "Price")])

clv <- clvdata(tx, date.format = "ymd", time.unit = "weeks",
	estimation.split = as.Date("1997-09-30"),
	name.id = "Id", name.date = "Date", name.price = "Price")

best.wall <- Inf
best.cpu <- NA
fit <- NULL
for (i in seq_len(reps)) {
	gc()
	t <- system.time(f <- pnbd(clv, verbose = FALSE))
	cpu <- sum(t[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE)
	if (t[["elapsed"]] < best.wall) {
		best.wall <- t[["elapsed"]]
		best.cpu <- cpu
	}
	fit <- f
}

p <- coef(fit)
ll <- as.numeric(logLik(fit))
cat(sprintf("clvtools pnbd: %.2f s (best of %d), cpu %.2f s, LL %.4f, r %.4f, alpha %.4f, s %.4f, beta %.4f\n",
	best.wall, reps, best.cpu, ll, p[["r"]], p[["alpha"]], p[["s"]], p[["beta"]]))
