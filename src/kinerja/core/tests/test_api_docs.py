def test_openapi_page_uses_no_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    content = response.content.decode()
    assert "swagger-ui-bundle.js" in content
    assert "cdn." not in content
    assert "https://" not in content


def test_openapi_schema_lists_every_area(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Kinerja API"
    prefixes = {path.split("/")[3] for path in schema["paths"]}
    assert prefixes == {
        "akun",
        "organisasi",
        "audit",
        "pekerjaan",
        "impor",
        "aturan",
        "periode",
        "skp",
        "realisasi",
        "notifikasi",
        "penilaian",
        "tukin",
        "angka-kredit",
        "talenta",
        "rekap",
        "pemantauan",
    }
    assert {"BearerToken", "HeaderToken", "SessionAuth"} <= set(
        schema["components"]["securitySchemes"]
    )
