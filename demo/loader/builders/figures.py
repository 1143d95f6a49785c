"""Datasets of figures, each with its files imported as its first release."""

import io

from demo.facts import DATA
from figures.importer import Refused, import_release

from ..data import DemoDataError
from .base import RecordBuilder, clean


class DatasetBuilder(RecordBuilder):
    """A dataset, found by its `find_by` fields; a new one imports its `files`
    ({table: path under demo/data}) through the admin's importer and its checks."""

    special = ("files",)

    def build(self, node, ref):
        plain, _, _ = self.values(node, ref)
        existing = self.find(node, plain)
        if existing is not None:
            return existing
        dataset = node.model(**plain)
        clean(node, dataset)
        dataset.save()
        files = {}
        for table, name in node.fields.get("files", {}).items():
            path = DATA / name
            if not path.is_file():
                raise DemoDataError(f"{node}: no file {name}")
            files[table] = io.BytesIO(path.read_bytes())
            files[table].name = path.name
        try:
            import_release(dataset, files, release_date=dataset.release_date, note="Demo data")
        except (Refused, KeyError) as error:
            raise DemoDataError(f"{node}: {error}") from error
        return dataset
