import { assumed, SERVER_LIST, seed } from "./source";
import type { Owner } from "./shape";

/** Who answers for what: the overview's contacts and the server list's contact column (docs/salt-server-list.rst). */
export const OWNERS: readonly Owner[] = [
  { key: "infrastructure-staff", name: "PSF Infrastructure Team", contact: "infrastructure-staff@python.org", source: seed("Infrastructure Team") },
  { key: "python-dev", name: "CPython core developers", contact: "python-dev@python.org", source: seed("Details of Various Services > pythontest.net") },
  { key: "buildbot", name: "Buildbot maintainers (Antoine Pitrou, Zach Ware)", contact: "python-dev@python.org", source: seed("Details of Various Services > Buildbot") },
  { key: "docs", name: "Documentation maintainer (Julien Palard)", contact: "Julien Palard", source: seed("Details of Various Services > docs.python.org") },
  { key: "release-managers", name: "CPython release managers", contact: "python-dev@python.org", source: SERVER_LIST, fieldSources: { contact: assumed("the server list names the CPython Release Managers and no address; python-dev@python.org is where CPython's developers, release managers among them, are reached") } },
  { key: "hg", name: "Mercurial archive maintainers", contact: "Antoine Pitrou, Georg Brandl", source: seed("Details of Various Services > hg.python.org") },
  { key: "postmaster", name: "python.org postmasters", contact: "postmaster@python.org", source: seed("Details of Various Services > mail.python.org") },
  { key: "gnu-mailman", name: "GNU Mailman project", contact: "Mark Sapiro", source: SERVER_LIST },
  { key: "planet", name: "Planet Python team", contact: "planet@python.org", source: seed("Details of Various Services > planetpython.org and planet.jython.org") },
  { key: "speed", name: "speed.python.org maintainers (Zach Ware)", contact: "speed@python.org", source: seed("Details of Various Services > speed.python.org") },
  { key: "wiki", name: "wiki.python.org maintainer (Marc-André Lemburg)", contact: "Marc-André Lemburg", source: seed("Details of Various Services > wiki.python.org") },
  { key: "pythondotorg", name: "pythondotorg project", contact: "https://github.com/python/pythondotorg/issues", source: seed("Details of Various Services > www.python.org") },
  { key: "pycon", name: "PyCon website team", contact: "pycon-site@python.org", source: seed("Details of Various Services > PyCon") },
  { key: "pypi", name: "PyPI administrators (Ee Durbin, Donald Stufft, Dustin Ingram)", contact: "admin@pypi.org", source: seed("Details of Various Services > PyPI") },
  { key: "pypy", name: "PyPy team", contact: "pypy-dev@python.org", source: seed("Details of Various Services > PyPy properties") },
  { key: "benchmarks", name: "CPython benchmarks (Diego Russo)", contact: "diegorusso", source: SERVER_LIST },
  { key: "jython", name: "Jython website, kept by infrastructure staff", contact: "infrastructure-staff@python.org", source: seed("Details of Various Services > www.jython.org") },
];
