/*
 * botpool-launch: what supervisord runs for each bot of a fork pool.
 *
 *     botpool-launch [--socket PATH] [--wait SECONDS] -- COMMAND [ARG...]
 *
 * Asks the pool's zygote (images/common/zygote.py, which documents the protocol) to fork
 * COMMAND with this process's argv, environment, working directory and fds 0-2, so the bot
 * writes straight into the pipes supervisord gave us. Then it stands in for the bot:
 * SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 are forwarded to the bot's process
 * group, and it exits with the bot's status, or dies of the same signal the bot died of.
 *
 * The zygote SIGKILLs the bot when this process's connection closes (even by SIGKILL), so
 * no bot outlives its launcher. If the zygote goes away first, the launcher kills what is
 * left of the bot's process group and exits 69 (supervisord restarts it per its policy, and
 * the restarted launcher waits for the restarted zygote).
 *
 * Exit status: the bot's; 2 usage; 69 zygote not reachable within --wait (default 30 s; the
 * zygote binds its socket before it preloads, so this bounds only the time no zygote runs at
 * all, e.g. while supervisord restarts it) or lost; 70 the zygote refused the request.
 * Build: gcc -static -O2 -Wall -Wextra -Werror -o botpool-launch launcher.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE 2
#define EXIT_UNAVAILABLE 69
#define EXIT_REFUSED 70
#define DEFAULT_SOCKET "/botpool/run/zygote.sock"

extern char **environ;

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

static void fail(int status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("botpool-launch: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(status);
}

/* Dies of `signum` as the bot did (no core file), so supervisord sees the same death. */
static void die_of(int signum) {
    struct rlimit no_core = {0, 0};
    sigset_t set;
    setrlimit(RLIMIT_CORE, &no_core);
    fflush(NULL);
    signal(signum, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, signum);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signum);
    exit(128 + signum); /* a signal whose default is not to terminate */
}

/* A growable byte buffer for the request. */
struct buffer {
    char *data;
    size_t length, capacity;
};

static void append(struct buffer *buffer, const void *bytes, size_t count) {
    if (buffer->length + count > buffer->capacity) {
        size_t capacity = (buffer->capacity + count) * 2;
        char *data = realloc(buffer->data, capacity);
        if (data == NULL) fail(EXIT_REFUSED, "out of memory building the request");
        buffer->data = data;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, bytes, count);
    buffer->length += count;
}

static void append_string(struct buffer *buffer, const char *text) {
    append(buffer, text, strlen(text) + 1);
}

static void append_list(struct buffer *buffer, char *const *items, size_t count) {
    char number[32];
    snprintf(number, sizeof number, "%zu", count);
    append_string(buffer, number);
    for (size_t i = 0; i < count; i++) append_string(buffer, items[i]);
}

/* Request: 4-byte big-endian length, then "1", argc, argv..., envc, env... (NUL-ended). */
static struct buffer build_request(char *const *argv, size_t argc) {
    struct buffer payload = {0}, request = {0};
    size_t envc = 0;
    while (environ[envc] != NULL) envc++;
    append_string(&payload, "1");
    append_list(&payload, argv, argc);
    append_list(&payload, environ, envc);
    if (payload.length > UINT32_MAX) fail(EXIT_REFUSED, "request too large");
    uint32_t length = (uint32_t)payload.length;
    unsigned char header[4] = {length >> 24, length >> 16, length >> 8, length};
    append(&request, header, sizeof header);
    append(&request, payload.data, payload.length);
    free(payload.data);
    return request;
}

static double now(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

/* Reads one pending forwarded signal from the signalfd, or 0. */
static int take_signal(int signals) {
    struct signalfd_siginfo info;
    ssize_t count = read(signals, &info, sizeof info);
    return count == (ssize_t)sizeof info ? (int)info.ssi_signo : 0;
}

/* Connects, retrying while the zygote (re)starts. A stop signal meanwhile ends us by it. */
static int connect_zygote(const char *path, double wait_seconds, int signals) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) fail(EXIT_USAGE, "socket path too long: %s", path);
    strcpy(address.sun_path, path);
    double deadline = now() + wait_seconds;
    for (;;) {
        int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (sock < 0) fail(EXIT_UNAVAILABLE, "socket: %s", strerror(errno));
        if (connect(sock, (struct sockaddr *)&address, sizeof address) == 0) return sock;
        int error = errno;
        close(sock);
        if (error != ENOENT && error != ECONNREFUSED && error != EAGAIN && error != EINTR)
            fail(EXIT_UNAVAILABLE, "cannot connect to the zygote at %s: %s", path, strerror(error));
        if (now() >= deadline)
            fail(EXIT_UNAVAILABLE, "no zygote answers at %s after %g s (%s)", path, wait_seconds,
                 strerror(error));
        struct pollfd wait = {.fd = signals, .events = POLLIN};
        if (poll(&wait, 1, 100) > 0) {
            int signum = take_signal(signals);
            if (signum > 0) die_of(signum);
        }
    }
}

static void send_all(int sock, const char *data, size_t length) {
    while (length > 0) {
        ssize_t sent = send(sock, data, length, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) continue;
        if (sent < 0) return; /* the zygote went away: the read side reports it */
        data += sent;
        length -= (size_t)sent;
    }
}

/* Sends the request with fds 0, 1, 2 and the working directory attached to its first bytes. */
static void send_request(int sock, const struct buffer *request) {
    int fds[4] = {0, 1, 2, open(".", O_PATH | O_DIRECTORY | O_CLOEXEC)};
    if (fds[3] < 0) fail(EXIT_REFUSED, "cannot open the working directory: %s", strerror(errno));
    union {
        char bytes[CMSG_SPACE(sizeof fds)];
        struct cmsghdr align;
    } control;
    memset(&control, 0, sizeof control);
    struct iovec vector = {.iov_base = request->data, .iov_len = request->length};
    struct msghdr message = {
        .msg_iov = &vector, .msg_iovlen = 1,
        .msg_control = control.bytes, .msg_controllen = sizeof control.bytes,
    };
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(header), fds, sizeof fds);
    ssize_t sent;
    do sent = sendmsg(sock, &message, MSG_NOSIGNAL);
    while (sent < 0 && errno == EINTR);
    if (sent < 0) fail(EXIT_UNAVAILABLE, "sending the request to the zygote: %s", strerror(errno));
    close(fds[3]);
    send_all(sock, request->data + sent, request->length - (size_t)sent);
}

/* Acts on one reply line; returns only for "pid N". */
static void handle_reply(char *line, pid_t *bot) {
    char *value = strchr(line, ' ');
    if (value == NULL) fail(EXIT_REFUSED, "unexpected reply from the zygote: %s", line);
    *value++ = '\0';
    if (strcmp(line, "error") == 0) fail(EXIT_REFUSED, "the zygote refused: %s", value);
    long number = strtol(value, NULL, 10);
    if (strcmp(line, "pid") == 0) *bot = (pid_t)number;
    else if (strcmp(line, "exit") == 0) { fflush(NULL); exit((int)number); }
    else if (strcmp(line, "killed") == 0) die_of((int)number);
    else fail(EXIT_REFUSED, "unexpected reply from the zygote: %s %s", line, value);
}

/* Forwards signals and waits for the bot's end. Never returns. */
static void supervise(int sock, int signals) {
    char input[256];
    size_t filled = 0;
    pid_t bot = 0;
    struct pollfd watch[2] = {{.fd = sock, .events = POLLIN}, {.fd = signals, .events = POLLIN}};
    for (;;) {
        if (poll(watch, 2, -1) < 0) {
            if (errno == EINTR) continue;
            fail(EXIT_UNAVAILABLE, "poll: %s", strerror(errno));
        }
        if (watch[1].revents & POLLIN) {
            int signum = take_signal(signals);
            char message[32];
            int length = snprintf(message, sizeof message, "signal %d\n", signum);
            if (signum > 0) send_all(sock, message, (size_t)length);
        }
        if (watch[0].revents == 0) continue;
        ssize_t count = recv(sock, input + filled, sizeof input - 1 - filled, 0);
        if (count < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (count <= 0) {
            if (bot > 0) kill(-bot, SIGKILL); /* PDEATHSIG got the bot; this gets its children */
            fail(EXIT_UNAVAILABLE, "lost the zygote while bot pid %d ran", (int)bot);
        }
        filled += (size_t)count;
        char *newline;
        while ((newline = memchr(input, '\n', filled)) != NULL) {
            *newline = '\0';
            handle_reply(input, &bot);
            size_t used = (size_t)(newline - input) + 1;
            memmove(input, newline + 1, filled - used);
            filled -= used;
        }
        if (filled == sizeof input - 1) fail(EXIT_REFUSED, "reply line from the zygote too long");
    }
}

static void usage(FILE *stream, int status) {
    fprintf(stream, "usage: botpool-launch [--socket PATH] [--wait SECONDS] -- COMMAND [ARG...]\n"
                    "Has the pool's zygote fork COMMAND; default socket %s.\n", DEFAULT_SOCKET);
    exit(status);
}

int main(int argc, char **argv) {
    const char *path = DEFAULT_SOCKET;
    double wait_seconds = 30;
    int index = 1;
    for (; index < argc && strcmp(argv[index], "--") != 0; index++) {
        if (strcmp(argv[index], "--help") == 0 || strcmp(argv[index], "-h") == 0) usage(stdout, 0);
        if (index + 1 >= argc) usage(stderr, EXIT_USAGE);
        if (strcmp(argv[index], "--socket") == 0) path = argv[++index];
        else if (strcmp(argv[index], "--wait") == 0) wait_seconds = strtod(argv[++index], NULL);
        else usage(stderr, EXIT_USAGE);
    }
    if (index + 1 >= argc) usage(stderr, EXIT_USAGE);

    for (int fd = 0; fd <= 2; fd++) /* SCM_RIGHTS refuses a closed fd; exec'd bots get /dev/null */
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF && open("/dev/null", O_RDWR) != fd)
            fail(EXIT_REFUSED, "cannot open /dev/null for fd %d", fd);

    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) sigaddset(&set, forwarded[i]);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) fail(EXIT_UNAVAILABLE, "sigprocmask: %s", strerror(errno));
    int signals = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signals < 0) fail(EXIT_UNAVAILABLE, "signalfd: %s", strerror(errno));

    struct buffer request = build_request(argv + index + 1, (size_t)(argc - index - 1));
    int sock = connect_zygote(path, wait_seconds, signals);
    send_request(sock, &request);
    free(request.data);
    supervise(sock, signals);
}
