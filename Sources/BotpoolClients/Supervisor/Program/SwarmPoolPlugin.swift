extension Supervisor {
    /// The supervisord plugin of a swarm pool, `botpool_rpc.py`: XML-RPC methods `botpool.*`
    /// that write program files and bot data dirs on the pool's node, where the controller
    /// cannot write itself. The file is delivered as a swarm config at
    /// `SwarmPoolConfig.pluginPath` and loaded by `[rpcinterface:botpool]`; the client side is
    /// `Client+PoolFiles.swift`. The module's docstring says why it works the way it does.
    public enum SwarmPoolPlugin {
        /// What `botpool.version` answers; changed with any change of the methods' contract.
        public static let protocolVersion = "1"
        /// The `supervisor.rpcinterface_factory` of `[rpcinterface:botpool]`.
        public static let factory = "botpool_rpc:make_interface"

        /// The module's text (Python 3.11, supervisor 4.2.5, Debian bookworm).
        public static let source = #"""
"""botpool's file operations in a swarm pool: supervisord XML-RPC methods botpool.*.

The controller cannot write files on a swarm node, so it writes program files and bot data
dirs through the one authenticated channel it has into the pool: supervisord, which loads
this module through
    [rpcinterface:botpool]
    supervisor.rpcinterface_factory = botpool_rpc:make_interface

supervisord is root here, but with SETUID, SETGID, KILL and CHOWN only: without DAC_OVERRIDE
root cannot even search a bot's 0700 data dir. Bots are hostile and own their data dirs, so
any name below /bots/<bot> may be a link a bot planted, swapped at any moment. Hence:
- root works only on entries of directories no bot can change: /bots, /botpool/programs, and
  directories it has first taken for itself (re-owning a moved bot's tree);
- whatever is written or deleted inside a data dir is done by a forked child that has become
  the bot's uid, so it can do nothing the bot could not do itself.
A data dir is the Docker backend's (BotUser): owned by the bot's uid with group root, mode
0710, so that supervisord and the zygote (root, group root) can start the bot in it while
only the bot can list or change it. What the bot keeps in it is its own, uid:uid.
supervisord serves every request in its one thread: children are short and always leave
through os._exit.
"""

import contextlib
import os
import re
import secrets
import shutil
import stat

from supervisor.xmlrpc import Faults, RPCError

VERSION = "1"
PROGRAMS = "/botpool/programs"
BOTS = "/bots"
LOGS = "/botpool/run/logs"
DATA_DIR_MODE = 0o710

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
MAX_PROGRAM_BYTES = 256 << 10
MAX_FILE_BYTES = 1 << 20
MAX_TOTAL_BYTES = 4 << 20
MAX_FILES = 64
UIDS = range(100000, 165536)
# A bot can nest directories deeper than root keeps descriptors open for; it then only keeps
# its own tree from being re-owned.
MAX_DEPTH = 256
MAX_MESSAGE_BYTES = 4096

DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC

# Without the fd-based implementation, rmtree follows a link swapped in mid-walk.
if not shutil.rmtree.avoids_symlink_attacks:
    raise ImportError("botpool_rpc: shutil.rmtree is not safe against symlink attacks here")


def make_interface(supervisord, **config):
    # supervisord checks childlogdir when it parses its config, so the run dir's logs/ for
    # the programs' stdout_logfile is made here, before any program is spawned.
    os.makedirs(LOGS, mode=0o700, exist_ok=True)
    return BotpoolInterface()


class BotpoolInterface:
    def version(self):
        """The protocol version of the botpool.* methods.

        @return string version "1"
        """
        return VERSION

    def writeProgram(self, name, text):
        """Atomically write /botpool/programs/<name>.conf (0600).

        @param string name  program name
        @param string text  the whole file, at most 256 KiB
        @return boolean     always true
        """
        check_name(name)
        data = encoded(text, MAX_PROGRAM_BYTES, "program text")
        with failures("writeProgram " + name), opened(PROGRAMS) as programs:
            write_atomically(programs, name + ".conf", data)
        return True

    def removeProgram(self, name):
        """Remove /botpool/programs/<name>.conf if it is there.

        @param string name  program name
        @return boolean     always true
        """
        check_name(name)
        with failures("removeProgram " + name), opened(PROGRAMS) as programs:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name + ".conf", dir_fd=programs)
        return True

    def prepareData(self, name, uid, files):
        """Make /bots/<name> the bot's (uid:root, 0710; a tree of an earlier uid is re-owned)
        and write each file into it as the bot.

        @param string name  bot name
        @param int uid      the bot's uid and gid
        @param struct files file name -> contents; at most 64 files of 1 MiB, 4 MiB in all
        @return boolean     always true
        """
        check_name(name)
        check_uid(uid)
        contents = checked_files(files)
        with failures("prepareData " + name), opened(BOTS) as bots:
            check_bots(bots)
            found = entry_stat(bots, name)
            if found is None:
                os.mkdir(name, 0o700, dir_fd=bots)
                with opened(name, bots) as data:
                    # chmod first: once the dir is the bot's, root (no FOWNER) may not.
                    os.fchmod(data, DATA_DIR_MODE)
                    os.fchown(data, uid, 0)
            elif not stat.S_ISDIR(found.st_mode):
                raise RPCError(Faults.FAILED, "%s/%s is a link or not a directory; left alone" % (BOTS, name))
            elif (found.st_uid, found.st_gid) != (uid, 0):
                reown(bots, name, uid)
            as_bot(uid, lambda: write_files(bots, name, contents))
        return True

    def removeData(self, name, uid):
        """Delete /bots/<name> and everything in it, never through a link; a link there is
        removed itself, a missing dir is fine.

        @param string name  bot name
        @param int uid      the bot's uid
        @return boolean     always true
        """
        check_name(name)
        check_uid(uid)
        with failures("removeData " + name), opened(BOTS) as bots:
            check_bots(bots)
            found = entry_stat(bots, name)
            if found is None:
                return True
            if not stat.S_ISDIR(found.st_mode):
                os.unlink(name, dir_fd=bots)
                return True
            if found.st_uid != uid:
                reown(bots, name, uid)
            as_bot(uid, lambda: empty_dir(bots, name))
            os.rmdir(name, dir_fd=bots)
        return True


# Checks of what the controller sent.

def refuse(message):
    return RPCError(Faults.BAD_ARGUMENTS, message)


def check_name(name, what="name"):
    if not isinstance(name, str) or NAME.fullmatch(name) is None:
        raise refuse("%s %r must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit"
                     % (what, name if isinstance(name, str) else type(name).__name__))


def check_uid(uid):
    if isinstance(uid, bool) or not isinstance(uid, int) or uid not in UIDS:
        raise refuse("uid %r is not in %d...%d" % (uid, UIDS.start, UIDS.stop - 1))


def encoded(text, limit, what):
    if not isinstance(text, str):
        raise refuse("%s is not a string" % what)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise refuse("%s is not valid UTF-8" % what) from None
    if len(data) > limit:
        raise refuse("%s is %d bytes, more than %d" % (what, len(data), limit))
    return data


def checked_files(files):
    if not isinstance(files, dict):
        raise refuse("files is not a struct")
    if len(files) > MAX_FILES:
        raise refuse("%d files, more than %d" % (len(files), MAX_FILES))
    contents = {}
    for file_name, text in files.items():
        check_name(file_name, "file name")
        contents[file_name] = encoded(text, MAX_FILE_BYTES, "file " + file_name)
    total = sum(len(data) for data in contents.values())
    if total > MAX_TOTAL_BYTES:
        raise refuse("files are %d bytes in all, more than %d" % (total, MAX_TOTAL_BYTES))
    return contents


# File system steps.

@contextlib.contextmanager
def failures(what):
    """Turns an OSError into a FAILED fault naming the call."""
    try:
        yield
    except OSError as error:
        where = " (%s)" % error.filename if error.filename else ""
        raise RPCError(Faults.FAILED, "%s: %s%s" % (what, error.strerror or error, where)) from None


@contextlib.contextmanager
def opened(path, dir_fd=None):
    """A directory descriptor; the last component is never a link."""
    fd = os.open(path, DIR_FLAGS, dir_fd=dir_fd)
    try:
        yield fd
    finally:
        os.close(fd)


def entry_stat(dir_fd, name):
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def check_bots(bots):
    """Everything root does in /bots rests on no bot being able to change its entries."""
    info = os.fstat(bots)
    if info.st_uid != 0 or info.st_mode & 0o022:
        raise RPCError(Faults.FAILED, "%s is owned by uid %d with mode %o: only root may change it"
                       % (BOTS, info.st_uid, stat.S_IMODE(info.st_mode)))


def write_atomically(dir_fd, name, data):
    """Writes `name` in dir_fd through a new temporary file renamed over it: a link at `name`
    is replaced, never followed."""
    temp = ".%s.%s.tmp" % (name, secrets.token_hex(6))
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=dir_fd)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.rename(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=dir_fd)
        raise


def reown(parent, name, uid):
    """Gives the tree at parent/name to uid without following a link: the top dir uid:root
    0710, all in it uid:uid. Root cannot search a directory of another uid, so each directory
    is first made root's (0700, so no bot can then change its entries), walked, and given
    back with its mode."""
    stack = []
    try:
        stack.append(take(parent, name, DATA_DIR_MODE))
        while stack:
            fd, entries, mode = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                try:
                    os.fchmod(fd, mode)
                    os.fchown(fd, uid, uid if stack else 0)
                finally:
                    os.close(fd)
                continue
            info = os.stat(entry, dir_fd=fd, follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode):
                os.chown(entry, uid, uid, dir_fd=fd, follow_symlinks=False)
            elif len(stack) >= MAX_DEPTH:
                raise RPCError(Faults.FAILED, "%s/%s nests directories deeper than %d" % (BOTS, name, MAX_DEPTH))
            else:
                stack.append(take(fd, entry, stat.S_IMODE(info.st_mode) & 0o777))
    finally:
        for fd, _, _ in stack:
            os.close(fd)


def take(parent, name, mode):
    """Makes the directory parent/name root's and opens it: (fd, its entries, mode to restore).
    `parent` is root's, so the entry stays the directory that was looked at."""
    os.chown(name, 0, 0, dir_fd=parent, follow_symlinks=False)
    os.chmod(name, 0o700, dir_fd=parent)
    fd = os.open(name, DIR_FLAGS, dir_fd=parent)
    return fd, iter(os.listdir(fd)), mode


def as_bot(uid, work):
    """Runs work() in a child that has become uid:uid with no other groups. The child's error,
    if any, comes back through a pipe and is raised here as a FAILED fault."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            work()
            status = 0
        except BaseException as error:
            with contextlib.suppress(BaseException):
                os.write(write_end, describe(error).encode("utf-8", "replace")[:MAX_MESSAGE_BYTES])
        finally:
            os._exit(status)
    os.close(write_end)
    message = b""
    with os.fdopen(read_end, "rb") as pipe:
        while chunk := pipe.read(MAX_MESSAGE_BYTES):
            message = (message + chunk)[:MAX_MESSAGE_BYTES]
    _, status = os.waitpid(pid, 0)
    if status != 0:
        text = message.decode("utf-8", "replace") or "exit status %d" % os.waitstatus_to_exitcode(status)
        raise RPCError(Faults.FAILED, "as uid %d: %s" % (uid, text))


def describe(error):
    if isinstance(error, RPCError):
        return error.text
    if isinstance(error, OSError):
        where = " (%s)" % error.filename if error.filename else ""
        return "%s%s" % (error.strerror or error, where)
    return "%s: %s" % (type(error).__name__, error)


# Run as the bot, in the child of as_bot.

def write_files(bots, name, contents):
    # The bot may have changed its dir's mode: supervisord could not start it there.
    os.chmod(name, DATA_DIR_MODE, dir_fd=bots)
    with opened(name, bots) as data:
        for file_name, content in contents.items():
            write_atomically(data, file_name, content)


def empty_dir(bots, name):
    """Deletes everything in bots/name. First makes every directory the bot's 0700, so one it
    made unwritable or unsearchable does not stop the delete; as the bot, a chmod reaches only
    the bot's own files, through a link or not."""
    os.chmod(name, 0o700, dir_fd=bots)
    with opened(name, bots) as data:
        for _, dirnames, _, dir_fd in os.fwalk(".", dir_fd=data):
            for dirname in dirnames:
                # dirnames holds links to directories too.
                if stat.S_ISDIR(os.stat(dirname, dir_fd=dir_fd, follow_symlinks=False).st_mode):
                    os.chmod(dirname, 0o700, dir_fd=dir_fd)
        for entry in os.listdir(data):
            if stat.S_ISDIR(os.stat(entry, dir_fd=data, follow_symlinks=False).st_mode):
                shutil.rmtree(entry, dir_fd=data)
            else:
                os.unlink(entry, dir_fd=data)
"""#
    }
}
