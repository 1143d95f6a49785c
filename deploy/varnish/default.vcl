# The shared HTTP cache in front of the app servers (Varnish 7).
#
# The app decides what may be kept (core/http_cache.py): an anonymous 200 of a
# public page carries `CDN-Cache-Control: max-age=N, stale-if-error=M`, and
# browsers get `Cache-Control: no-store`. This file only obeys it:
#
# - it stores a response only if it carries that header (or, for static files,
#   `Cache-Control: public`) and sets no cookie, and removes the header before
#   the response leaves;
# - requests that carry a Django cookie (session, CSRF, messages), and anything
#   but GET and HEAD, go straight to the app and are never stored;
# - a PURGE (from Wagtail's frontend-cache HTTP backend) on the internal "purge"
#   listen address clears every stored copy of that path, whatever its query
#   string or host, so a purge reaches the filtered lists and the ?area= answers;
# - while the app is failing its health probe, the last good copy of a page is
#   served for up to its `stale-if-error` seconds; while it is well, never a
#   stale one.
#
# `backends.vcl` is written for each installation (deploy/stack.py writes one):
# the app servers, a round-robin director named `app`, and the acl `purgers`.

vcl 4.1;

import std;
import directors;

probe app_health {
    .request =
        "GET /healthz HTTP/1.1"
        "Host: localhost"
        "User-Agent: varnish-probe"
        "Connection: close";
    .expected_response = 200;
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

include "backends.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.X-Cache-Path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        return (synth(405, "Not allowed"));
    }

    # A slow or incomplete body is read here in full before an app worker sees it
    # (document uploads in the admin are the largest, at 20 MiB).
    if (req.method == "POST" || req.method == "PUT") {
        if (!std.cache_req_body(25MB)) {
            return (synth(413, "Request too large"));
        }
    }
    if (req.method != "GET" && req.method != "HEAD" || req.url ~ "^/(admin|accounts)/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie is not the app's, and must not split or bypass the cache.
    unset req.http.Cookie;

    # A healthy app is asked again as soon as a copy expires; grace (a stale copy
    # while the app is asked) is only for when it is failing.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    set beresp.http.X-Cache-Path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Set-Cookie) {
        return (pass(120s));
    }
    if (beresp.http.CDN-Cache-Control ~ "(^|,)\s*max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.CDN-Cache-Control, "^(.*,)?\s*max-age=([0-9]+).*$", "\2") + "s", 0s);
        set beresp.grace = std.duration(
            regsub(beresp.http.CDN-Cache-Control, "^(.*,)?\s*stale-if-error=([0-9]+).*$", "\2") + "s",
            0s);
    } else if (bereq.url ~ "^/static/" && beresp.http.Cache-Control ~ "public"
               && beresp.http.Cache-Control !~ "private|no-store|no-cache") {
        # Static files: Varnish has already read their lifetime from Cache-Control.
        set beresp.grace = 1h;
    } else {
        return (pass(120s));
    }
    if (beresp.ttl <= 0s || beresp.status != 200) {
        return (pass(120s));
    }
    if (!beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(json|javascript|xml))|\+xml") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    # A fetch that failed outright: a plain page, never cached.
    set beresp.ttl = 0s;
}

sub vcl_deliver {
    unset resp.http.CDN-Cache-Control;
    unset resp.http.Surrogate-Control;
    unset resp.http.X-Cache-Path;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    # Whether this answer came from the cache: what the tests and `make bench` check.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
