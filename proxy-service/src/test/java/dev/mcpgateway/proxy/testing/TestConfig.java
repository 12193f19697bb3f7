package dev.mcpgateway.proxy.testing;

import dev.mcpgateway.proxy.ProxyConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ProxyConfig} with the documented defaults, for unit tests that run without Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ProxyConfig defaults() {
        return with(Map.of(), Map.of());
    }

    /** A Streamable HTTP upstream at {@code url}. */
    public static ProxyConfig.Upstream http(String url) {
        return new ProxyConfig.Upstream() {
            @Override
            public String transport() {
                return "streamable-http";
            }

            @Override
            public Optional<String> url() {
                return Optional.of(url);
            }

            @Override
            public Optional<Duration> timeout() {
                return Optional.empty();
            }

            @Override
            public Map<String, String> headers() {
                return Map.of();
            }

            @Override
            public Optional<String> command() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> args() {
                return Optional.empty();
            }

            @Override
            public Map<String, String> env() {
                return Map.of();
            }

            @Override
            public Optional<String> workingDir() {
                return Optional.empty();
            }

            @Override
            public boolean processPerSession() {
                return false;
            }

            @Override
            public String argumentValidation() {
                return "enforce";
            }
        };
    }

    public static ProxyConfig with(Map<String, ProxyConfig.Upstream> upstreams,
                                   Map<String, ProxyConfig.VirtualServer> virtualServers) {
        return new ProxyConfig() {
            @Override
            public Map<String, Upstream> upstreams() {
                return upstreams;
            }

            @Override
            public Duration upstreamTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration upstreamConnectTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int upstreamMaxResponseBytes() {
                return 16 * 1024 * 1024;
            }

            @Override
            public long maxBodyBytes() {
                return 4 * 1024 * 1024;
            }

            @Override
            public List<String> protocolVersions() {
                return List.of("2025-11-25", "2025-06-18", "2025-03-26");
            }

            @Override
            public String defaultProtocolVersion() {
                return "2025-03-26";
            }

            @Override
            public Map<String, VirtualServer> virtualServers() {
                return virtualServers;
            }

            @Override
            public String virtualServerSeparator() {
                return "__";
            }

            @Override
            public Stdio stdio() {
                return new Stdio() {
                    @Override
                    public Duration restartBackoffMin() {
                        return Duration.ofMillis(500);
                    }

                    @Override
                    public Duration restartBackoffMax() {
                        return Duration.ofSeconds(30);
                    }

                    @Override
                    public Duration healthyAfter() {
                        return Duration.ofSeconds(10);
                    }
                };
            }

            @Override
            public ProxyConfig.Sse sse() {
                return null;
            }

            @Override
            public Grants grants() {
                return new Grants() {
                    @Override
                    public Duration cacheTtl() {
                        return Duration.ofSeconds(30);
                    }

                    @Override
                    public Duration negativeCacheTtl() {
                        return Duration.ofSeconds(5);
                    }

                    @Override
                    public long cacheMaxSize() {
                        return 1000;
                    }
                };
            }

            @Override
            public Sessions sessions() {
                return null;
            }

            @Override
            public Policy policy() {
                return () -> Duration.ofSeconds(2);
            }

            @Override
            public Security security() {
                return () -> List.of("localhost", "127.0.0.1", "[::1]");
            }

            @Override
            public Events events() {
                return null;
            }

            @Override
            public Audit audit() {
                return null; // unit tests build the audit pipeline's parts themselves
            }

            @Override
            public Catalog catalog() {
                return new Catalog() {
                    @Override
                    public String url() {
                        return "http://127.0.0.1:8082";
                    }

                    @Override
                    public boolean discovery() {
                        return false;
                    }

                    @Override
                    public Duration discoveryInterval() {
                        return Duration.ofSeconds(10);
                    }

                    @Override
                    public Duration timeout() {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public Duration schemaCacheTtl() {
                        return Duration.ofSeconds(60);
                    }

                    @Override
                    public java.util.Optional<String> token() {
                        return java.util.Optional.empty();
                    }
                };
            }

            @Override
            public Approvals approvals() {
                return new Approvals() {
                    @Override
                    public Duration pollWait() {
                        return Duration.ofSeconds(25);
                    }

                    @Override
                    public Duration progressInterval() {
                        return Duration.ofSeconds(5);
                    }

                    @Override
                    public Duration retryDelay() {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public Duration outcomeGrace() {
                        return Duration.ofSeconds(30);
                    }
                };
            }
        };
    }
}
