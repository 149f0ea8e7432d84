export const SCAN_USAGE = `Usage: imagepin scan [PATH] [options]

  List every container image reference under PATH (default: .), resolve each one against its
  registry to a digest and release version, and report the risks found.

  --format text|json|markdown|sarif   output format (default: text)
  --fail-on error|warning   exit 1 when a finding is at least this severe, or a check could not run (default: exit 0)
  --config FILE             configuration (default: PATH/.github/imagepin.yml when present)
  --base DIR                the base version of the tree, for comparison rules
  --base-ref REF            the same from git: PATH as it is at REF (e.g. origin/main)
  --repository OWNER/NAME   the repository PATH is (default: from PATH/.git's remote origin, when PATH
                            is the top of a git work tree); Argo CD sources on another repository are then
                            not read from this tree, and are listed as not read
  --offline                 do not contact registries (nor chart repositories)
  --no-cache                do not read or write the registry answers kept for 5 minutes in
                            $XDG_CACHE_HOME/imagepin (default ~/.cache/imagepin)
  --no-charts               do not fetch the charts the tree deploys to check their default images
  --platforms               also list each image's platforms (GETs manifests: Docker Hub counts them as pulls);
                            on by itself when the config lists platforms
  --endpoint REG=URL        reach registry REG through URL (like containerd hosts.toml), repeatable;
                            also IMAGEPIN_ENDPOINTS=REG=URL,...
  --allow-host HOST[:PORT]  let the resolver reach HOST (that PORT only, when given) although it is
                            private or local, repeatable; also IMAGEPIN_ALLOW_HOSTS=HOST[:PORT],...
  --token-realm REG=ORIGIN  let registry REG send its credentials to the token realm at ORIGIN
                            (another scheme, host or port), repeatable; also IMAGEPIN_TOKEN_REALMS
  --deadline DURATION       registry work of the whole scan ends after this (default 60s); also IMAGEPIN_DEADLINE
  --registry-timeout DURATION  each registry request (default 10s); also IMAGEPIN_REGISTRY_TIMEOUT
  --breaker-after N         after N timeouts of one registry, its other references are reported
                            unresolved at once (default 1, 0: never); also IMAGEPIN_BREAKER_AFTER
  --color, --no-color       force colour on or off (default: on for a terminal; FORCE_COLOR=1 forces it on,
                            FORCE_COLOR=0 off, and wins over NO_COLOR, which turns it off)
  --sarif-file FILE         also write SARIF 2.1.0 of the same analysis to FILE
  --markdown-file FILE      also write the Markdown report (the PR comment) to FILE

  Registry credentials come from Docker's config.json: IMAGEPIN_DOCKER_CONFIG_JSON (its content),
  $DOCKER_CONFIG/config.json or ~/.docker/config.json. While registries answer, standard error
  shows how many references are resolved, when it is a terminal and CI is not set.
`;

export const PIN_USAGE = `Usage: imagepin pin [PATH] [options]

  Rewrite every image reference under PATH (default: .) to version@digest, in place: a floating
  tag becomes the release that shares its digest (a development build keeps its tag and gets the
  digest). Comments, quotes, indentation and key order are kept; each edit is checked by reading the
  file again, and one that does not read back as intended is dropped and reported.

  --mirror              also move images to the mirrors in .github/imagepin.yml (\`mirrors\`), only
                        when the mirror serves the same digest
  --dry-run             print a unified diff instead of writing files
  --no-cache            do not read or write the registry answers kept in ~/.cache/imagepin ($XDG_CACHE_HOME)
  --config FILE         configuration (default: PATH/.github/imagepin.yml when present)
  --endpoint REG=URL    reach registry REG through URL, repeatable (also IMAGEPIN_ENDPOINTS)
  --allow-host HOST[:PORT]  let the resolver reach a private or local HOST, repeatable (also IMAGEPIN_ALLOW_HOSTS)
  --token-realm REG=ORIGIN  a token realm on another origin that may receive REG's credentials (also IMAGEPIN_TOKEN_REALMS)
  --deadline DURATION   registry work ends after this (default 60s; also IMAGEPIN_DEADLINE)
  --registry-timeout DURATION  each registry request (default 10s; also IMAGEPIN_REGISTRY_TIMEOUT)
  --breaker-after N     timeouts of one registry before its other references fail at once (default 1; also IMAGEPIN_BREAKER_AFTER)
`;

/** A mistake in how the command was called; main prints it with the usage. */
export class UsageError extends Error {}
