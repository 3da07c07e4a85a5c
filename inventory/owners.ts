import type { Owner } from "./types";

/** Who answers for what: the overview's contacts and the server list's contact column. */
export const OWNERS: readonly Owner[] = [
  { key: "infrastructure-staff", name: "PSF Infrastructure Team", contact: "infrastructure-staff@python.org" },
  { key: "python-dev", name: "CPython core developers", contact: "python-dev@python.org" },
  { key: "buildbot", name: "Buildbot maintainers (Antoine Pitrou, Zach Ware)", contact: "python-dev@python.org" },
  { key: "docs", name: "Documentation maintainer (Julien Palard)", contact: "Julien Palard" },
  { key: "release-managers", name: "CPython release managers", contact: "python-dev@python.org" },
  { key: "hg", name: "Mercurial archive maintainers", contact: "Antoine Pitrou, Georg Brandl" },
  { key: "postmaster", name: "python.org postmasters", contact: "postmaster@python.org" },
  { key: "gnu-mailman", name: "GNU Mailman project", contact: "Mark Sapiro" },
  { key: "planet", name: "Planet Python team", contact: "planet@python.org" },
  { key: "speed", name: "speed.python.org maintainers (Zach Ware)", contact: "speed@python.org" },
  { key: "wiki", name: "wiki.python.org maintainer (Marc-André Lemburg)", contact: "Marc-André Lemburg" },
  { key: "pythondotorg", name: "pythondotorg project", contact: "https://github.com/python/pythondotorg/issues" },
  { key: "pycon", name: "PyCon website team", contact: "pycon-site@python.org" },
  { key: "pypi", name: "PyPI administrators (Ee Durbin, Donald Stufft, Dustin Ingram)", contact: "admin@pypi.org" },
  { key: "pypy", name: "PyPy team", contact: "pypy-dev@python.org" },
  { key: "jython", name: "Jython website, kept by infrastructure staff", contact: "infrastructure-staff@python.org" },
];
