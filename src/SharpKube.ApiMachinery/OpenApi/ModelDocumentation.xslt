<?xml version="1.0" encoding="utf-8"?>
<!--
  Keeps only the summaries of the k8s.Models types and properties from KubernetesClient's XML documentation
  (about 7% of the file), as <member name="...">summary</member>. Run at build time; see the project file.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" indent="no" encoding="utf-8" />
  <xsl:template match="/">
    <members>
      <xsl:for-each select="doc/members/member[starts-with(@name, 'T:k8s.Models.') or starts-with(@name, 'P:k8s.Models.')]">
        <member name="{@name}"><xsl:value-of select="summary" /></member>
      </xsl:for-each>
    </members>
  </xsl:template>
</xsl:stylesheet>
