package notify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// A webhook URL is typed by a tenant admin, and the server POSTs to it:
// left open, it reaches the server's own loopback, the cloud's metadata
// address and the office network (SSRF), and its failures tell which
// ports answer. So a webhook's host is resolved and refused unless every
// address is public, when it is set and again at each delivery, and the
// delivery dials the very address that was checked (a DNS answer that
// changes between the check and the dial cannot slip through). Redirects
// are not followed. The operator may allow named internal hosts.

// Resolver looks host names up; net.DefaultResolver is one. Tests pass
// their own, since no public address can be reached from a test.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// errNotPublic is what a caller is told of a webhook host that is not
// public, whatever the reason: which addresses a name has, or which of
// them are internal, is not theirs to learn.
var errNotPublic = errors.New("the webhook host must be a public internet address (or one the operator allows with --webhook-allow-hosts)")

// Targets checks webhook hosts and dials them.
type Targets struct {
	allow    map[string]bool
	resolver Resolver
	dialer   net.Dialer
}

// NewTargets allows the public internet and the named hosts (host names,
// matched without case, or IP addresses). resolver nil is
// net.DefaultResolver.
func NewTargets(allow []string, resolver Resolver) *Targets {
	t := &Targets{allow: map[string]bool{}, resolver: resolver, dialer: net.Dialer{Timeout: 10 * time.Second}}
	if t.resolver == nil {
		t.resolver = net.DefaultResolver
	}
	for _, h := range allow {
		if h = normalHost(h); h != "" {
			t.allow[h] = true
		}
	}
	return t
}

func normalHost(h string) string {
	h = strings.ToLower(strings.TrimSuffix(strings.Trim(strings.TrimSpace(h), "[]"), "."))
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Unmap().String()
	}
	return h
}

// CheckURL parses a webhook URL and checks its host: nil when a delivery
// may go there now.
func (t *Targets) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return fmt.Errorf("webhookURL must be an absolute http or https URL, not %q", raw)
	}
	_, err = t.resolve(ctx, u.Hostname())
	return err
}

// resolve is the addresses of host that may be dialled: all of them when
// the operator allows the host, none (errNotPublic) when any is not
// public. One internal address among public ones refuses the whole name: a
// dial may pick any of them.
func (t *Targets) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	h := normalHost(host)
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(h); err == nil {
		addrs = []netip.Addr{a}
	} else {
		addrs, err = t.resolver.LookupNetIP(ctx, "ip", h)
		if err != nil || len(addrs) == 0 {
			return nil, fmt.Errorf("webhook host %q does not resolve: %w", host, errors.Join(err, errNotPublic))
		}
	}
	if t.allow[h] {
		return addrs, nil
	}
	for _, a := range addrs {
		if !Public(a) {
			return nil, fmt.Errorf("webhook host %q resolves to %s: %w", host, a, errNotPublic)
		}
	}
	return addrs, nil
}

// dial connects to addr's host at an address resolve accepts, never to one
// it did not check.
func (t *Targets) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	addrs, err := t.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, a := range addrs {
		c, err := t.dialer.DialContext(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// Client is the HTTP client webhooks are posted with: it dials only
// checked addresses, ignores proxy settings of the environment (a proxy
// would dial for us, unchecked) and follows no redirect (a 3xx is a failed
// delivery).
func (t *Targets) Client(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           t.dial,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          16,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: timeout,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// notPublic are the IPv4 and IPv6 ranges that are not the public internet
// beyond what netip's predicates name (loopback, private, link-local,
// multicast, unspecified).
var notPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",          // "this network"
		"100.64.0.0/10",      // carrier-grade NAT
		"192.0.0.0/24",       // IETF protocol assignments
		"192.0.2.0/24",       // TEST-NET-1
		"198.18.0.0/15",      // benchmarking
		"198.51.100.0/24",    // TEST-NET-2
		"203.0.113.0/24",     // TEST-NET-3
		"240.0.0.0/4",        // reserved, and the broadcast address
		"::/96",              // IPv4-compatible (deprecated) and ::, ::1
		"64:ff9b::/96",       // NAT64: reaches an IPv4 address through a translator
		"64:ff9b:1::/48",     // local NAT64
		"100::/64",           // discard
		"2001::/23",          // IETF protocol assignments (Teredo, ORCHID, …)
		"2001:db8::/32",      // documentation
		"2002::/16",          // 6to4: reaches an embedded IPv4 address
		"fc00::/7",           // unique local
		"fec0::/10",          // site-local (deprecated)
		"3fff::/20",          // documentation
		"5f00::/16",          // segment routing
		"::ffff:0:0:0/96",    // IPv4-translated
		"2620:4f:8000::/48",  // AS112 (not a real destination)
		"ff00::/8",           // multicast
		"fe80::/10",          // link-local
		"169.254.0.0/16",     // link-local (cloud metadata)
		"127.0.0.0/8",        // loopback
		"10.0.0.0/8",         // private
		"172.16.0.0/12",      // private
		"192.168.0.0/16",     // private
		"224.0.0.0/4",        // multicast
		"192.88.99.0/24",     // 6to4 relay anycast (deprecated)
		"255.255.255.255/32", // broadcast
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// Public reports whether a is an address of the public internet. An IPv4
// address written as IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address.
func Public(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}
