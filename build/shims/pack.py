"""Packs the two shim packages into build/packages (a nupkg is a zip holding the nuspec and its files)."""
import pathlib, zipfile
root = pathlib.Path(__file__).parent
out = root.parent / "packages"
out.mkdir(exist_ok=True)
for spec in root.glob("*/*.nuspec"):
    pkg_dir = spec.parent
    text = spec.read_text()
    pid = text.split("<id>")[1].split("</id>")[0]
    ver = text.split("<version>")[1].split("</version>")[0]
    target = out / f"{pid.lower()}.{ver}.nupkg"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{pid}.nuspec", text)
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="_" ContentType="application/octet" /></Types>')
        for f in pkg_dir.rglob("*"):
            if f.is_file() and f.suffix != ".nuspec":
                z.write(f, f.relative_to(pkg_dir).as_posix())
    print(target)
