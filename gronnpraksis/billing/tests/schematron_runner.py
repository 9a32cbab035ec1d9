"""Run an XSLT 2.0 Schematron (`queryBinding="xslt2"`) with Saxon, as the billing tests need.

The schema is turned into an XSLT 2.0 stylesheet: one mode per pattern; in each, a rule is a template
matching its context, earlier rules with higher priority (only the first matching rule of a pattern
fires for a node); each assert becomes `xsl:if test="not(...)"` writing a `failed` element with the
assert's id, flag and text; `let` becomes `xsl:variable`; the schema's `xsl:function`s are copied.
Phases, `report` and diagnostics are not used by the EN 16931 and PEPPOL schematrons' fatal rules.
"""

import functools
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from saxonche import PySaxonProcessor, PyXsltExecutable

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
HERE = Path(__file__).parent / "schematron"

ET.register_namespace("xsl", XSL)


@dataclass(frozen=True)
class Failure:
    id: str
    flag: str
    text: str
    location: str


def _variable(let: ET.Element) -> str:
    return f"<xsl:variable name={quoteattr(let.get('name', ''))} select={quoteattr(let.get('value', ''))}/>"


def compile_schema(path: Path) -> str:
    """The XSLT 2.0 text for the Schematron at `path`."""
    schema = ET.parse(path).getroot()  # noqa: S314 (the schematron files in this repository)
    namespaces = {ns.get("prefix", ""): ns.get("uri", "") for ns in schema.iter(f"{{{SCH}}}ns")}
    namespaces.setdefault("xs", "http://www.w3.org/2001/XMLSchema")
    declarations = " ".join(f"xmlns:{prefix}={quoteattr(uri)}" for prefix, uri in namespaces.items())
    parts = [
        f'<xsl:stylesheet version="2.0" xmlns:xsl="{XSL}" {declarations} exclude-result-prefixes="#all">',
        '<xsl:output method="xml"/>',
    ]
    for child in schema:
        if child.tag == f"{{{XSL}}}function":
            parts.append(ET.tostring(child, encoding="unicode"))
        elif child.tag == f"{{{SCH}}}let":
            parts.append(_variable(child))
    patterns = schema.findall(f"{{{SCH}}}pattern")
    # A pattern's variables are evaluated on the document, like the schema's: global variables.
    parts += [_variable(let) for pattern in patterns for let in pattern.findall(f"{{{SCH}}}let")]
    parts.append('<xsl:template match="/"><report>')
    parts += [f'<xsl:apply-templates select="/" mode="p{i}"/>' for i in range(len(patterns))]
    parts.append("</report></xsl:template>")
    for i, pattern in enumerate(patterns):
        mode = f"p{i}"
        rules = pattern.findall(f"{{{SCH}}}rule")
        for j, rule in enumerate(rules):
            parts.append(
                f"<xsl:template match={quoteattr(rule.get('context', ''))} mode={quoteattr(mode)}"
                f' priority="{len(rules) - j + 10}">'
            )
            parts += [_variable(let) for let in rule.findall(f"{{{SCH}}}let")]
            for check in rule.findall(f"{{{SCH}}}assert"):
                text = " ".join("".join(check.itertext()).split())
                parts.append(
                    f"<xsl:if test={quoteattr('not(' + check.get('test', '') + ')')}>"
                    f"<failed id={quoteattr(check.get('id', ''))} flag={quoteattr(check.get('flag', ''))}"
                    f' location="{{path()}}">{escape(text)}</failed></xsl:if>'
                )
            parts.append(f'<xsl:apply-templates select="@*|node()" mode="{mode}"/></xsl:template>')
        parts.append(
            f'<xsl:template match="/|@*|node()" mode="{mode}" priority="-10">'
            f'<xsl:apply-templates select="@*|node()" mode="{mode}"/></xsl:template>'
        )
    parts.append("</xsl:stylesheet>")
    return "\n".join(parts)


@functools.cache
def _processor() -> PySaxonProcessor:
    return PySaxonProcessor(license=False)


@functools.cache
def _executable(name: str) -> PyXsltExecutable:
    processor = _processor()
    return processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=compile_schema(HERE / name))


def failures(xml: bytes, name: str) -> list[Failure]:
    """Every failed assertion of the schematron `name` (a file in `schematron/`) on `xml`."""
    processor = _processor()
    node = processor.parse_xml(xml_text=xml.decode("utf-8"))
    result = _executable(name).transform_to_string(xdm_node=node)
    report = ET.fromstring(result)  # noqa: S314 (Saxon's output of our stylesheet)
    return [
        Failure(id=f.get("id", ""), flag=f.get("flag", ""), text=f.text or "", location=f.get("location", ""))
        for f in report.iter("failed")
    ]


def fatal(xml: bytes) -> list[Failure]:
    """The fatal failures of both the EN 16931 and the PEPPOL BIS 3 schematrons."""
    return [
        failure
        for name in ("CEN-EN16931-UBL.sch", "PEPPOL-EN16931-UBL.sch")
        for failure in failures(xml, name)
        if failure.flag == "fatal"
    ]
