package dev.tern.host.flash;

import static dev.tern.host.flash.protocol.FlashAddress.hex;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tern.boards.definition.BoardDefinition;
import dev.tern.boards.image.ImageFormat;
import dev.tern.boards.image.ImageHeader;
import dev.tern.boards.image.ImageParser;
import dev.tern.boards.image.ImageVersion;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.protocol.BootloaderException;
import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.flash.protocol.BootloaderSession;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.SerialLink;

/**
 * One flash, step by step, over a {@link BootloaderSession} (any protocol): enter the bootloader,
 * identify, compare, erase, write, verify, GO, and watch the boot. The checks that need no board
 * (image, config, options) are the command's, done before this starts.
 */
final class Flasher {

    /** How written pages are verified: by the bootloader's digest ({@code --verify crc}), read back, or not. */
    enum Verify {
        DIGEST, READ, NONE
    }

    /** What the command asked for. {@code verify} null: DIGEST where the bootloader has one, else READ. */
    record Options(BootloaderEntry entry, SerialLink link, LineSettings console, LineSettings bootloader, Verify verify,
            boolean eraseAll, boolean force, boolean dryRun, boolean noGo, boolean allowDowngrade, Duration bootWatch) {
    }

    /** What was done, for the summary line and {@code --json}. */
    record Result(long bytesWritten, long bytesSkipped, int pagesErased, int pagesSkipped, int retries, int lineRetries, long nanos,
            String verify, boolean dryRun, String bootLine) {

        /** {@code done: 101.2 KB written, 0 B skipped, 1 page erased, 1 skipped, 1.3 s (77.6 KB/s)}. */
        String summary() {
            String time = String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
            if (dryRun) {
                return "dry run: nothing erased or written (would write " + FlashProgress.size(bytesWritten) + ", erase "
                        + pages(pagesErased) + ", skip " + pages(pagesSkipped) + "), " + time;
            }
            return "done: " + FlashProgress.size(bytesWritten) + " written, " + FlashProgress.size(bytesSkipped) + " skipped, "
                    + pages(pagesErased) + " erased, " + pages(pagesSkipped) + " skipped (unchanged)"
                    + (retries > 0 ? ", " + retries + " block" + (retries == 1 ? "" : "s") + " sent again" : "")
                    + (lineRetries > 0 ? " (" + lineRetries + " command" + (lineRetries == 1 ? "" : "s")
                            + " sent again after a lost or garbled answer: a noisy line)" : "")
                    + ", verify " + verify + ", " + time + (bytesWritten > 0 ? " (" + FlashProgress.rate(bytesWritten, nanos) + ")" : "");
        }

        Map<String, Object> asMap(String port, String board) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("port", port);
            map.put("board", board);
            map.put("dryRun", dryRun);
            map.put("bytesWritten", bytesWritten);
            map.put("bytesSkipped", bytesSkipped);
            map.put("pagesErased", pagesErased);
            map.put("pagesSkipped", pagesSkipped);
            map.put("blocksResent", retries);
            map.put("verify", verify);
            map.put("lineRetries", lineRetries);
            map.put("millis", nanos / 1_000_000L);
            map.put("bytesPerSecond", nanos <= 0 ? 0 : (long) (bytesWritten * 1e9 / nanos));
            if (bootLine != null) {
                map.put("boot", bootLine);
            }
            return map;
        }

        private static String pages(int count) {
            return count + " page" + (count == 1 ? "" : "s");
        }
    }

    private final BootloaderSession session;
    private final BoardDefinition board;
    private final FlashPlan plan;
    private final ImageVersion imageVersion;
    private final FlashProgress progress;
    private InterruptNotice interruptNotice;

    /** {@code imageVersion}: the version of the image the plan writes into the app slot. */
    Flasher(BootloaderSession session, BoardDefinition board, FlashPlan plan, ImageVersion imageVersion, FlashProgress progress) {
        this.session = session;
        this.board = board;
        this.plan = plan;
        this.imageVersion = imageVersion;
        this.progress = progress;
    }

    Result run(Options options) throws IOException {
        long started = System.nanoTime();
        options.entry().enter(options.link(), options.console(), options.bootloader());
        BootloaderIdentity identity = session.identify();
        checkChip(identity, options.force());
        Verify verify = resolveVerify(options.verify(), identity);
        progress.step(String.format(Locale.ROOT, "bootloader %s on %s: chip 0x%03X, %s", identity.version(), session.port(),
                identity.chipId(), identity.details()));

        if (!options.allowDowngrade()) {
            refuseDowngrade();
        }
        if (!options.eraseAll()) {
            ContentCheck compare = new ContentCheck(session, identity,
                    identity.hasDigest() ? ContentCheck.Method.DIGEST : ContentCheck.Method.READ, progress);
            startReadBack(compare, "compare", plan.spans());
            for (List<FlashPlan.Span> run : segmentRuns(plan.spans())) {
                ContentCheck.RunState state = compare.compareRun(run);
                if (state != ContentCheck.RunState.HOLDS && !options.dryRun()) {
                    session.changesAhead();
                }
                for (FlashPlan.Span span : run) {
                    span.unchanged = switch (state) {
                        case HOLDS -> true;
                        case ERASED -> FlashPlan.isBlank(span.content, 0, span.content.length);
                        case ASK_EACH -> compare.difference(span) == null;
                    };
                }
            }
            progress.end();
        }
        if (options.dryRun()) {
            printPlan(options.eraseAll());
            go(options);
            return result(0, 0, started, "none", true, null);
        }

        changing(true);
        int erased = erase(options.eraseAll());
        for (FlashPlan.Span span : plan.unchanged()) {
            progress.step("skip  " + range(span) + " (" + FlashProgress.size(span.content.length) + ", unchanged)");
        }
        long written = write(identity.maxBlock());
        String verified = verify(verify, identity);
        changing(false);
        String bootLine = go(options);
        return result(written, erased, started, verified, false, bootLine);
    }

    /** The spans cut into runs of one segment each, in the plan's order. */
    private static List<List<FlashPlan.Span>> segmentRuns(List<FlashPlan.Span> spans) {
        List<List<FlashPlan.Span>> runs = new ArrayList<>();
        for (FlashPlan.Span span : spans) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).get(0).segment.equals(span.segment)) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(span);
        }
        return runs;
    }

    /** Ctrl-C from now on says the board holds a partial image (see {@link InterruptNotice}). */
    Flasher withInterruptNotice(InterruptNotice notice) {
        this.interruptNotice = notice;
        return this;
    }

    private void changing(boolean changing) {
        if (interruptNotice != null) {
            interruptNotice.flashChanging(changing);
        }
    }

    /** Reading back (no digest on the chip) takes seconds: a progress phase; a digest is one answer per span, no phase. */
    private void startReadBack(ContentCheck check, String what, List<FlashPlan.Span> spans) {
        if (check.method() == ContentCheck.Method.READ) {
            long bytes = 0;
            for (FlashPlan.Span span : spans) {
                bytes += span.content.length;
            }
            progress.start(what, bytes);
        }
    }

    private void checkChip(BootloaderIdentity identity, boolean force) {
        long expected = board.mcu().chipId();
        if (!board.mcu().hasChipId() || identity.chipId() == expected) {
            return;
        }
        String message = String.format(Locale.ROOT, "the chip on %s answers %s 0x%03X, but %s has chip 0x%03X (%s)",
                session.port(), identity.chipQuery(), identity.chipId(), board.id(), expected, board.mcu().part());
        if (!force) {
            throw new TernException(ExitCodes.FAILURE, message + "; pick the right --board, or --force to flash anyway");
        }
        progress.step("warning: " + message + "; flashing anyway (--force)");
    }

    /**
     * Before anything is erased: an image older than the one in the app slot would be refused by
     * the board's downgrade prevention after the good one was erased, so it is refused here. A
     * slot that cannot be read (read protection) or holds no image is not checked.
     */
    private void refuseDowngrade() throws IOException {
        byte[] start = new byte[ImageFormat.HEADER_SIZE];
        long slot = board.appSlot().address();
        try {
            session.read(slot, start, 0, start.length);
        } catch (BootloaderException e) {
            progress.step("the app slot's header cannot be read (" + e.getMessage() + "): its version is not compared");
            return;
        }
        Optional<ImageHeader> installed = ImageParser.header(start);
        if (installed.isPresent() && imageVersion.compareTo(installed.get().version()) < 0) {
            ImageVersion there = installed.get().version();
            throw new TernException(ExitCodes.VERIFICATION_FAILED, "the board's app slot holds image " + there + " and this image is "
                    + imageVersion + ", lower: the board's secure boot would refuse it (it boots no version lower than the last it "
                    + "booted: downgrade prevention), and only after the good image was erased. Nothing was erased. Sign the firmware with --version "
                    + there.major() + "." + there.minor() + "." + there.revision() + " or higher, or give --allow-downgrade to "
                    + "flash it anyway (after 'tern sim --reset-rollback', say)");
        }
    }

    private static Verify resolveVerify(Verify asked, BootloaderIdentity identity) {
        if (asked == null) {
            return identity.hasDigest() ? Verify.DIGEST : Verify.READ;
        }
        if (asked == Verify.DIGEST && !identity.hasDigest()) {
            throw new TernException(ExitCodes.FAILURE, "--verify crc: this bootloader (version " + identity.version()
                    + ") has no " + identity.digestCommand() + "; use --verify read");
        }
        return asked;
    }

    private void printPlan(boolean eraseAll) {
        if (eraseAll) {
            progress.step("plan: mass erase, then write every non-blank block");
        }
        for (FlashPlan.Span span : plan.spans()) {
            progress.step(String.format(Locale.ROOT, "plan: page %d %s (%s) %s: %s", span.page, hex(span.pageAddress),
                    FlashProgress.size(span.pageSize), span.segment, span.unchanged ? "skip (unchanged)"
                            : "erase, write " + FlashProgress.size(span.nonBlankBytes())));
        }
    }

    private int erase(boolean all) throws IOException {
        if (all) {
            progress.step("erase all (mass erase)");
            session.eraseAll(EraseWaits.forAll(board.flash()));
            return board.flash().geometry().pageCount();
        }
        int erased = 0;
        for (FlashPlan.Span span : plan.toWrite()) {
            int[] pages = {span.page};
            session.erase(pages, EraseWaits.forPages(board.flash(), pages));
            progress.step("erase " + hex(span.pageAddress) + " (" + FlashProgress.size(span.pageSize) + ")");
            erased++;
        }
        return erased;
    }

    /**
     * The non-blank {@link FlashPlan#BLOCK}s of every changed span (the page was erased: blank
     * blocks are there already), each run of them in writes of up to {@code maxBlock} bytes.
     */
    private long write(int maxBlock) throws IOException {
        long total = plan.bytesToWrite();
        long written = 0;
        // a span is said written once the bootloader acknowledged it: a session may hold writes back
        List<String> unconfirmed = new ArrayList<>();
        progress.start("write", total);
        for (FlashPlan.Span span : plan.toWrite()) {
            byte[] content = span.content;
            int at = 0;
            while (at < content.length) {
                int runEnd = at;
                while (runEnd < content.length && !FlashPlan.isBlank(content, runEnd, blockAt(content, runEnd))) {
                    runEnd += blockAt(content, runEnd);
                }
                for (int from = at; from < runEnd; from += maxBlock) {
                    int length = Math.min(maxBlock, runEnd - from);
                    session.write(span.address + from, content, from, length);
                    written += length;
                    progress.advanced(length);
                }
                at = runEnd == at ? at + blockAt(content, at) : runEnd;
            }
            unconfirmed.add("write " + range(span) + " done (" + span.segment + ", " + FlashProgress.size(span.nonBlankBytes()) + ")");
            if (!session.holdsWrites()) {
                confirm(unconfirmed);
            }
        }
        session.flush();
        confirm(unconfirmed);
        progress.end();
        return written;
    }

    private void confirm(List<String> doneLines) {
        for (String line : doneLines) {
            progress.step(line);
        }
        doneLines.clear();
    }

    /** The length of the plan's block at {@code at}: {@link FlashPlan#BLOCK}, or less at the end. */
    private static int blockAt(byte[] content, int at) {
        return Math.min(FlashPlan.BLOCK, content.length - at);
    }

    private String verify(Verify verify, BootloaderIdentity identity) throws IOException {
        if (verify == Verify.NONE || plan.toWrite().isEmpty()) {
            String label = verify == Verify.NONE ? "none" : "skipped (nothing written)";
            progress.step("verify " + label);
            return label;
        }
        ContentCheck check = new ContentCheck(session, identity,
                verify == Verify.DIGEST ? ContentCheck.Method.DIGEST : ContentCheck.Method.READ, true, progress);
        if (verify == Verify.DIGEST && session.verifiesAsItWrites()) {
            // the chip's digest of every transfer matched as it was written: asking again page by page repeats it
            progress.step("verify ok (" + check.label() + " of each transfer as it was written, " + Result.pages(plan.toWrite().size()) + ")");
            return check.label();
        }
        startReadBack(check, "verify", plan.toWrite());
        for (FlashPlan.Span span : plan.toWrite()) {
            String difference = check.difference(span);
            if (difference != null) {
                progress.end();
                throw new TernException(ExitCodes.VERIFICATION_FAILED, "verify failed at " + hex(span.address)
                        + ": " + difference + " (" + span.segment + "); flash again, and if it fails again the flash may be worn");
            }
        }
        progress.end();
        String label = check.label();
        progress.step("verify ok (" + label + ", " + Result.pages(plan.toWrite().size()) + ")");
        return label;
    }

    /** GO to the app slot unless --no-go; then what the boot stage says about the image. */
    private String go(Options options) throws IOException {
        if (options.noGo()) {
            session.stay();
            progress.step("no go: the board stays in its bootloader");
            return null;
        }
        long address = board.appSlot().address();
        session.go(address);
        options.entry().leave(options.link());
        progress.step("go " + hex(address));
        if (options.bootWatch().isZero()) {
            return null;
        }
        BootWatch.Outcome outcome = BootWatch.watch(options.link(), options.bootWatch());
        for (String line : outcome.lines()) {
            progress.step("board: " + line);
        }
        if (outcome.refused() && options.dryRun()) {
            progress.step("board: (a dry run changed nothing: this is what the board held before)");
        } else if (outcome.refused()) {
            String line = outcome.lines().get(outcome.lines().size() - 1);
            throw new TernException(ExitCodes.VERIFICATION_FAILED, "the board's secure boot refused the image: " + line
                    + "; the board stays in its bootloader until it is flashed with an image it accepts. " + whatNext(line));
        }
        if (outcome.lines().isEmpty()) {
            progress.step("board: no boot line within " + options.bootWatch().toSeconds() + " s (its console may be on another port)");
        }
        return outcome.lines().isEmpty() ? null : outcome.lines().get(outcome.lines().size() - 1);
    }

    /** What to do after the boot stage refused the image, from the reason it gave. */
    private static String whatNext(String refusal) {
        if (refusal.contains("downgrade prevention")) {
            return "It boots no version lower than the last it booted: sign the firmware with a higher --version and flash "
                    + "again, or on 'tern sim' make it forget the versions it booted: restart it with --reset-rollback";
        }
        if (refusal.contains("no public key") || refusal.contains("signature") || refusal.contains("key")) {
            return "Sign with a key the board trusts ('tern sim --trusted-key PUB.pem'; check with 'tern image verify --key')";
        }
        return "'tern image verify --key PUB.pem IMAGE' checks an image as the board does";
    }

    private Result result(long written, int erased, long started, String verify, boolean dryRun, String bootLine) {
        long content = plan.contentBytes();
        int skipped = plan.unchanged().size();
        if (dryRun) {
            return new Result(plan.bytesToWrite(), content - plan.bytesToWrite(), plan.toWrite().size(), skipped,
                    session.blocksResent(), session.lineRetries(), System.nanoTime() - started, verify, true, bootLine);
        }
        return new Result(written, content - written, erased, skipped, session.blocksResent(), session.lineRetries(), System.nanoTime() - started,
                verify, false, bootLine);
    }

    private static String range(FlashPlan.Span span) {
        return hex(span.address) + ".." + hex(span.end());
    }
}
