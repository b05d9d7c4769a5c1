#ifndef BOTPOOL_CCURL_SHIM_H
#define BOTPOOL_CCURL_SHIM_H

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
// Each wrapper fixes the argument type that its group of options takes.

typedef size_t (*botpool_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode botpool_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode botpool_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode botpool_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode botpool_curl_set_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode botpool_curl_set_data_callback(CURL *handle, CURLoption option,
                                                      botpool_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode botpool_curl_set_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode botpool_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode botpool_curl_get_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

// Sockets opened inside another network namespace (a file such as a container's SandboxKey
// or /proc/PID/ns/net). setns changes only the calling thread, and the thread goes back to
// its own namespace before curl sees the socket; a socket keeps the namespace it was made in.
// A thread that could not go back would send every later connection into the wrong network,
// so that (which needs the namespace file it just opened to vanish mid-call) aborts.

#define BOTPOOL_CLONE_NEWNET 0x40000000

static inline curl_socket_t botpool_curl_socket_in_namespace(void *path, curlsocktype purpose,
                                                             struct curl_sockaddr *address) {
    (void)purpose;
    int target = open((const char *)path, O_RDONLY | O_CLOEXEC);
    if (target < 0) return CURL_SOCKET_BAD;
    int home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home < 0) {
        int saved = errno;
        close(target);
        errno = saved;
        return CURL_SOCKET_BAD;
    }
    curl_socket_t made = CURL_SOCKET_BAD;
    int saved = 0;
    if (syscall(SYS_setns, target, BOTPOOL_CLONE_NEWNET) == 0) {
        made = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
        saved = errno;
        if (syscall(SYS_setns, home, BOTPOOL_CLONE_NEWNET) != 0) abort();
    } else {
        saved = errno;
    }
    close(home);
    close(target);
    errno = saved;
    return made;
}

/// `path` must stay valid until the transfer ends.
static inline CURLcode botpool_curl_open_sockets_in_namespace(CURL *handle, const char *path) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, botpool_curl_socket_in_namespace);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, (void *)path);
}

#endif
